import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import ICAL from 'ical.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, shanghaiInstant } from '../core/clock.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { createRoster, ensureOfficialCalendar, exportRosterWorkbook, generateRoster, myShiftsIcs, publishRoster, savePost, shiftsToIcs } from './index.ts'

const context = buildContext()
beforeAll(async () => {
  await ensureOfficialCalendar(db())
})

describe('ICS of one’s own shifts', () => {
  it('writes instants (UTC), so a 17:30 Beijing night shift reads back as 17:30 Beijing under TZ=UTC and TZ=Asia/Shanghai', async () => {
    const ics = shiftsToIcs('值班 · 张三', [{ id: 'a1', title: '总值班 夜班 值班员，带班', location: '市政府办公室', startsAt: shanghaiInstant('2026-10-01', 17 * 60 + 30), endsAt: shanghaiInstant('2026-10-01', 32 * 60 + 30) }], new Date('2026-09-01T00:00:00Z'))
    expect(ics).toContain('DTSTART:20261001T093000Z')
    expect(ics).toContain('DTEND:20261002T003000Z')
    // Parse it back in child processes with the server's zone set either way (the ical-generator trap).
    const script = `const ICAL=require('ical.js');const c=new ICAL.Component(ICAL.parse(process.argv[1]));const e=new ICAL.Event(c.getFirstSubcomponent('vevent'));console.log(JSON.stringify({start:e.startDate.toJSDate().toISOString(),end:e.endDate.toJSDate().toISOString(),summary:e.summary}))`
    for (const TZ of ['UTC', 'Asia/Shanghai']) {
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, ics], { env: { ...process.env, TZ }, cwd: path.resolve(import.meta.dirname, '../..') })
      expect(JSON.parse(stdout), TZ).toEqual({ start: '2026-10-01T09:30:00.000Z', end: '2026-10-02T00:30:00.000Z', summary: '总值班 夜班 值班员，带班' })
    }
    expect(new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent')).toHaveLength(1)
  })
})

describe('exports of a roster', () => {
  it('the Excel grid has dates down, roles across and names with phones; the ICS feed has the person’s own shifts only', async () => {
    const tree = await buildTree()
    const manager = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
    const officers = await Promise.all(Array.from({ length: 6 }, (_, i) => buildPerson({ unit: tree.dept, name: `值班员${i}` })))
    const post = await savePost(db(), manager, { unitId: tree.dept.id, name: '总值班', patterns: [
      { name: '白班', startMinute: 510, durationMinutes: 540, appliesOn: 'OFF_DAYS', roles: [{ name: '值班员', count: 1, eligible: officers.map((o) => o.id) }] },
      { name: '夜班', startMinute: 1050, durationMinutes: 900, roles: [{ name: '值班员', count: 1, eligible: officers.map((o) => o.id) }, { name: '驾驶员', count: 1, eligible: officers.map((o) => o.id) }] },
    ] }, context)
    const { id } = await createRoster(db(), manager, { postId: post.id, startDate: '2026-10-01', endDate: '2026-10-10' }, context)
    const generated = await generateRoster(db(), manager, id, 0, context)
    await publishRoster(db(), manager, id, generated.revision, context)

    const { bytes } = await exportRosterWorkbook(db(), manager, id)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as never)
    const sheet = workbook.worksheets[0]!
    expect(sheet.getRow(2).values).toEqual([undefined, '日期', '星期', '白班 值班员', '夜班 值班员', '夜班 驾驶员'])
    expect(sheet.getCell('A3').value).toBe('2026-10-01')
    expect(String(sheet.getCell('B3').value)).toContain('节假日')
    expect(String(sheet.getCell('C3').value)).toMatch(/^值班员\d 1\d{10}$/)
    expect(sheet.getCell('A12').value).toBe('2026-10-10')
    expect(sheet.getCell('C12').value).toBe('—') // 10-10 is a worked Saturday: no day shift

    const me = officers[0]!
    clock.freeze(new Date('2026-09-25T00:00:00Z'))
    const ics = await myShiftsIcs(db(), await actorFor(me)).finally(() => clock.reset())
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent')
    const mine = await db().dutyAssignment.count({ where: { rosterId: id, personId: me.id } })
    expect(events.length).toBe(mine)
  })
})
