import ExcelJS from 'exceljs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, shanghaiTime, weekdayOf } from '../core/clock.ts'
import { rosterDetail } from './roster-detail.ts'
import { myShifts } from './my-shifts.ts'
import { shiftsToIcs } from './ics.ts'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const KIND = { workday: '', weekend: '周末', holiday: '节假日' } as const

/**
 * The roster as the usual grid: dates down, the shifts' roles across, each cell the name with the phone
 * number. Prints on A4 landscape with the header row repeated.
 */
export async function exportRosterWorkbook(db: Db, actor: Actor, rosterId: string) {
  const roster = await rosterDetail(db, actor, rosterId)
  const columns = roster.patterns.flatMap((p) => p.roles.flatMap((r) => Array.from({ length: r.count }, (_, slot) => ({ patternId: p.id, roleId: r.id, slot, label: `${p.name} ${r.name}${r.count > 1 ? slot + 1 : ''}` }))))
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const sheet = workbook.addWorksheet('值班表', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' } })
  sheet.addRow([`${roster.post.unit.name} ${roster.post.name} 值班表（${roster.startDate} 至 ${roster.endDate}）${roster.post.phone ? `  值班电话：${roster.post.phone}` : ''}`]).font = { bold: true, size: 14 }
  sheet.mergeCells(1, 1, 1, columns.length + 2)
  const header = sheet.addRow(['日期', '星期', ...columns.map((c) => c.label)])
  header.font = { bold: true }
  for (const day of roster.days) {
    const row = sheet.addRow([
      day.date, `${WEEKDAYS[weekdayOf(day.date)]}${KIND[day.kind] ? ` ${KIND[day.kind]}` : ''}`,
      ...columns.map((c) => {
        const cell = day.cells.find((x) => x.patternId === c.patternId && x.roleId === c.roleId && x.slot === c.slot)
        if (!cell) return '—'
        return cell.person ? `${cell.person.name}${cell.person.phone ? ` ${cell.person.phone}` : ''}` : '（空缺）'
      }),
    ])
    if (day.kind !== 'workday') row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: day.kind === 'holiday' ? 'FFFDE2E2' : 'FFF1F4F9' } }
  }
  sheet.getColumn(1).width = 12
  sheet.getColumn(2).width = 10
  for (let i = 0; i < columns.length; i++) sheet.getColumn(i + 3).width = 22
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
  return { bytes, fileName: `${roster.post.name}-${roster.startDate}.xlsx` }
}

/** The actor's own shifts (published rosters) as an ICS feed. */
export async function myShiftsIcs(db: Db, actor: Actor) {
  const shifts = await myShifts(db, actor, { from: new Date(clock.now().getTime() - 31 * 86_400_000), take: 500 })
  return shiftsToIcs(`值班 · ${actor.name}`, shifts.map((s) => ({
    id: s.id, title: `${s.post} ${s.shift} ${s.role}`, location: s.unit, startsAt: s.startsAt, endsAt: s.endsAt,
    description: `${s.unit} ${s.post}，${shanghaiTime(s.startsAt)}–${shanghaiTime(s.endsAt)}${s.postPhone ? `，值班电话 ${s.postPhone}` : ''}`,
  })), clock.now())
}
