import ExcelJS from 'exceljs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { formatShanghai } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { meetingRoll } from './meeting-roll.ts'

const answerLabel: Record<string, string> = { PENDING: '未回复', ATTEND: '参加', DECLINE: '请假', SUBSTITUTE: '代参会' }
const attendanceLabel: Record<string, string> = { present: '出席', late: '迟到', absent: '缺席', substitute: '代参会', declined: '请假', expected: '待开会' }

/** The roll as an Excel workbook (one row per invitee, grouped by unit), audited. */
export async function exportRoll(db: Db, actor: Actor, meetingId: string, context: RequestContext) {
  const roll = await meetingRoll(db, actor, meetingId)
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('参会名单')
  sheet.columns = [
    { header: '单位', key: 'unit', width: 24 }, { header: '姓名', key: 'name', width: 12 }, { header: '回执', key: 'answer', width: 10 },
    { header: '请假事由', key: 'reason', width: 24 }, { header: '代替', key: 'for', width: 12 }, { header: '回复时间', key: 'answered', width: 18 },
    { header: '签到时间', key: 'checkedIn', width: 18 }, { header: '出席情况', key: 'attendance', width: 10 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const g of roll.groups) for (const r of g.rows) {
    sheet.addRow({
      unit: g.unitName, name: r.name, answer: answerLabel[r.answer], reason: r.declineReason ?? '', for: r.substituteFor ?? '',
      answered: r.answeredAt ? formatShanghai(r.answeredAt) : '', checkedIn: r.checkedInAt ? formatShanghai(r.checkedInAt) : '', attendance: attendanceLabel[r.attendance],
    })
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  await db.$transaction(async (tx) => {
    await recordAudit(tx, { actor, action: 'meeting.roll_export', objectType: 'Meeting', objectId: meetingId, details: { rows: roll.totals.invited }, context })
  })
  return { buffer, fileName: `参会名单-${roll.meeting.title}.xlsx` }
}
