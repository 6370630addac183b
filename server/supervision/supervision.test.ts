import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days, endOfShanghaiDay, shanghaiDate } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import {
  answerAssignment, commentReport, createItemFromMeetingDecision, computeRanking, createItem, dashboardData, decomposeItem, exportItems, getItem, getPhoto, lightOf, listItems,
  processPhoto, publishRanking, rankingPdf, rateItem, reportProgress, requestCompletion, reviewCompletion, sweepUrges, uploadPhoto, urgeItem,
} from './index.ts'
import { lightSql } from './light.ts'
import { actorFor, buildPerson } from '../test/factories.ts'
import { assignedItem, context, inDays, setup } from './test-world.ts'

afterEach(() => clock.reset())

describe('the light rule', () => {
  it('is green, yellow within N days, red past the deadline, yellow when a report is late — at its boundaries', async () => {
    const deadline = endOfShanghaiDay('2026-12-20')
    const at = (ms: number) => new Date(deadline.getTime() - ms)
    const item = { status: 'IN_PROGRESS', deadline, nextReportDueAt: null }
    expect(lightOf(item, at(days(3) + 1), 3)).toBe('green')
    expect(lightOf(item, at(days(3)), 3)).toBe('yellow')
    expect(lightOf(item, at(0), 3)).toBe('yellow')
    expect(lightOf(item, at(-1), 3)).toBe('red')
    expect(lightOf({ ...item, status: 'COMPLETED' }, at(-days(5)), 3)).toBe('green')
    const report = new Date(deadline.getTime() - days(10))
    expect(lightOf({ ...item, nextReportDueAt: report }, report, 3)).toBe('green')
    expect(lightOf({ ...item, nextReportDueAt: report }, new Date(report.getTime() + 1), 3)).toBe('yellow')
    // The SQL form of the rule agrees at every boundary.
    for (const now of [at(days(3) + 1), at(days(3)), at(0), at(-1)]) {
      const [row] = await db().$queryRaw<{ l: string }[]>`SELECT ${lightSql(now, 3)} AS l FROM (SELECT 'IN_PROGRESS' AS status, ${deadline}::timestamptz AS deadline, NULL::timestamptz AS "nextReportDueAt") i`
      expect(row!.l).toBe(lightOf(item, now, 3))
    }
  })

  it('moves with the controllable clock on a real item, and lists filter by it', async () => {
    const s = await setup()
    clock.freeze(new Date())
    const id = await assignedItem(s, { deadline: inDays(5) })
    expect((await getItem(db(), s.ownerA, id)).light).toBe('green')
    const deadline = (await getItem(db(), s.ownerA, id)).deadline
    clock.freeze(new Date(deadline.getTime() - days(3) - 1))
    expect((await getItem(db(), s.ownerA, id)).light).toBe('green')
    clock.advance(1)
    expect((await getItem(db(), s.ownerA, id)).light).toBe('yellow')
    expect((await listItems(db(), s.ownerA, { light: 'yellow' })).map((i) => i.id)).toContain(id)
    clock.freeze(deadline)
    expect((await getItem(db(), s.ownerA, id)).light).toBe('yellow')
    clock.advance(1)
    expect((await getItem(db(), s.ownerA, id)).light).toBe('red')
    expect((await listItems(db(), s.ownerA, { light: 'red' })).map((i) => i.id)).toEqual([id])
    expect((await listItems(db(), s.ownerA, { light: 'green' })).map((i) => i.id)).not.toContain(id)
  })
})

describe('items, decomposition and assignment', () => {
  it('gives each unit one 待办; 签收 names the owner; 退回 needs a reason and tells the office', async () => {
    const s = await setup()
    const { id } = await createItem(db(), s.officer, { title: '事项', deadline: inDays(10), leadUnitId: s.tree.dept.id, coUnitIds: [s.tree.sibling.id] }, context)
    const todos = await db().inboxItem.findMany({ where: { objectType: 'SupervisionAssignment', state: 'OPEN', personId: { in: [s.headA.personId, s.headB.personId] } } })
    expect(todos.map((t) => t.personId).sort()).toEqual([s.headA.personId, s.headB.personId].sort())
    const item = await getItem(db(), s.headA, id)
    const lead = item.assignments.find((a) => a.role === 'LEAD')!
    const co = item.assignments.find((a) => a.role === 'CO')!
    expect(lead.mayAnswer).toBe(true)
    expect(co.mayAnswer).toBe(false)
    await expectAppError(answerAssignment(db(), s.headA, lead.id, { accept: true, ownerId: s.ids.ownerB }, context), 'supervision.owner_not_in_unit')
    await expectAppError(answerAssignment(db(), s.ownerA, lead.id, { accept: true, ownerId: s.ids.ownerA }, context), 'not_found')
    await answerAssignment(db(), s.headA, lead.id, { accept: true, ownerId: s.ids.ownerA }, context)
    await expectAppError(answerAssignment(db(), s.headA, lead.id, { accept: true, ownerId: s.ids.ownerA }, context), 'supervision.already_answered')
    await answerAssignment(db(), s.headB, co.id, { accept: false, reason: '不属于本单位职责' }, context)
    const after = await getItem(db(), s.officer, id)
    expect(after.assignments.find((a) => a.role === 'LEAD')!.acceptedAt).not.toBeNull()
    expect(after.assignments.find((a) => a.role === 'CO')!.status).toBe('RETURNED')
    expect(await db().inboxItem.count({ where: { personId: s.officer.personId, title: { startsWith: '退回督办' } } })).toBe(1)
    expect((await listItems(db(), s.ownerA)).map((i) => i.id)).toContain(id)
    // The returning unit no longer sees it.
    await expectAppError(getItem(db(), s.ownerB, id), 'not_found')
  })

  it('splits to any depth, never later than the parent, and rolls progress up', async () => {
    const s = await setup()
    const id = await assignedItem(s)
    const parent = await getItem(db(), s.officer, id)
    await expectAppError(decomposeItem(db(), s.officer, id, { title: '子项', deadline: shanghaiDate(new Date(parent.deadline.getTime() + days(1))), leadUnitId: s.tree.dept.id }, context), 'supervision.deadline_after_parent')
    const same = await decomposeItem(db(), s.officer, id, { title: '子项一', deadline: shanghaiDate(parent.deadline), leadUnitId: s.tree.dept.id }, context)
    const other = await decomposeItem(db(), s.officer, id, { title: '子项二', deadline: inDays(20), leadUnitId: s.tree.sibling.id }, context)
    const grandchild = await decomposeItem(db(), s.officer, same.id, { title: '孙项', deadline: inDays(10), leadUnitId: s.tree.dept.id }, context)
    await expectAppError(decomposeItem(db(), s.ownerA, id, { title: 'x', deadline: inDays(5), leadUnitId: s.tree.dept.id }, context), 'not_found')
    for (const cid of [same.id, grandchild.id]) {
      const a = (await getItem(db(), s.headA, cid)).assignments[0]!
      await answerAssignment(db(), s.headA, a.id, { accept: true, ownerId: s.ids.ownerA }, context)
    }
    const b = (await getItem(db(), s.headB, other.id)).assignments[0]!
    await answerAssignment(db(), s.headB, b.id, { accept: true, ownerId: s.ids.ownerB }, context)
    await reportProgress(db(), s.ownerA, grandchild.id, { text: '完成一半', percent: 50 }, context)
    await reportProgress(db(), s.ownerB, other.id, { text: '完成', percent: 100 }, context)
    expect((await db().supervisionItem.findUniqueOrThrow({ where: { id: same.id } })).progress).toBe(50)
    expect((await db().supervisionItem.findUniqueOrThrow({ where: { id } })).progress).toBe(75)
    // Unit A (lead of the parent) sees its own sub-items, not unit B's.
    const forA = await getItem(db(), s.ownerA, id)
    expect(forA.children.map((c) => c.id)).toEqual([same.id])
    await expectAppError(getItem(db(), s.ownerA, other.id), 'not_found')
    expect((await getItem(db(), s.officer, id)).children).toHaveLength(2)
  })
})

describe('会议议定', () => {
  it('a meeting decision becomes an item assigned to its unit in one action, once, by whoever manages the meeting', async () => {
    const s = await setup()
    const { createMeeting, addDecision } = await import('../meetings/index.ts')
    const organiser = await actorFor(await buildPerson({ unit: s.tree.root, grants: [{ permissions: ['meeting.organise'], unit: s.tree.root }] }))
    const chair = await buildPerson({ unit: s.tree.root })
    const start = new Date(clock.now().getTime() + days(2))
    const meeting = await createMeeting(db(), organiser, { title: '常务会议', kind: 'ROOM', chairId: chair.id, personIds: [s.headA.personId], units: [], startsAt: start, endsAt: new Date(start.getTime() + 3_600_000) }, context)
    const decision = await addDecision(db(), organiser, meeting.id, { text: '由发改委牵头细化方案', ownerUnitId: s.tree.dept.id, deadline: new Date(clock.now().getTime() + days(20)) }, context)
    await expectAppError(createItemFromMeetingDecision(db(), s.ownerA, decision.id, context), 'not_found')
    const { id } = await createItemFromMeetingDecision(db(), organiser, decision.id, context)
    expect(await createItemFromMeetingDecision(db(), organiser, decision.id, context)).toEqual({ id })
    const item = await getItem(db(), s.officer, id)
    expect(item).toMatchObject({ source: 'MEETING_DECISION', status: 'IN_PROGRESS', sourceRef: decision.id })
    expect(item.assignments.map((a) => [a.unitId, a.role])).toEqual([[s.tree.dept.id, 'LEAD']])
    expect((await db().meetingDecision.findUniqueOrThrow({ where: { id: decision.id } })).supervisionItemId).toBe(id)
  })
})

describe('who sees what', () => {
  it('office, assigned units and the leader in charge see an item; everyone else gets not found everywhere', async () => {
    const s = await setup()
    const id = await assignedItem(s)
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#abc' } }).png().toBuffer()
    const photo = await uploadPhoto(db(), s.ownerA, id, png, false)
    for (const actor of [s.officer, s.headA, s.ownerA, s.ownerB, s.leader]) {
      expect((await getItem(db(), actor, id)).id).toBe(id)
      expect((await getPhoto(db(), actor, photo.id, true)).bytes.length).toBeGreaterThan(0)
    }
    await expectAppError(getItem(db(), s.outsider, id), 'not_found')
    await expectAppError(getPhoto(db(), s.outsider, photo.id, false), 'not_found')
    expect((await listItems(db(), s.outsider, { view: 'all' })).map((i) => i.id)).not.toContain(id)
    expect((await listItems(db(), s.outsider, { view: 'all', q: '营商' })).map((i) => i.id)).not.toContain(id)
    const dash = await dashboardData(db(), s.outsider)
    expect(dash.lights.green + dash.lights.yellow + dash.lights.red).toBe(0)
    expect((await dashboardData(db(), s.leader)).lights.green).toBeGreaterThanOrEqual(1)
    const officeDash = await dashboardData(db(), s.officer)
    expect(officeDash.byUnit).toEqual([{ unit: s.tree.dept.shortName, green: 1, yellow: 0, red: 0 }])
    expect(officeDash.bySource).toEqual([{ source: 'MANUAL', n: 1 }])
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exportItems(db(), s.outsider, context)) as never)
    expect(wb.worksheets[0]!.rowCount).toBe(1)
    // Acting is refused to those who only see.
    await expectAppError(urgeItem(db(), s.leader, id, {}, context), 'not_found')
    await expectAppError(reportProgress(db(), s.leader, id, { text: 'x', percent: 1 }, context), 'supervision.not_owner')
    await expectAppError(reportProgress(db(), s.outsider, id, { text: 'x', percent: 1 }, context), 'not_found')
    await expectAppError(uploadPhoto(db(), s.outsider, id, png, false), 'not_found')
    await expectAppError(createItem(db(), s.ownerA, { title: 'x', deadline: inDays(3), leadUnitId: s.tree.dept.id }, context), 'forbidden')
    await expectAppError(computeRanking(db(), s.ownerA, { from: inDays(-30), to: inDays(30) }), 'forbidden')
  })
})

describe('progress photos', () => {
  it('refuses a renamed non-image and a huge image; strips GPS unless kept; makes a thumbnail', async () => {
    await expectAppError(processPhoto(new TextEncoder().encode('%PDF-1.7 not an image at all'), false), 'supervision.photo_type')
    await expectAppError(processPhoto(new Uint8Array(9 * 1024 * 1024).fill(0xff), false), 'supervision.photo_too_large')
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#000' } }).jpeg({ quality: 10 }).toBuffer()
    await expectAppError(processPhoto(huge, false), 'supervision.photo_too_large')
    const withGps = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#3a6' } }).jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' } }).toBuffer()
    const hasGps = async (b: Uint8Array) => {
      const exif = (await sharp(b).metadata()).exif
      return !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])))
    }
    expect(await hasGps(withGps)).toBe(true)
    const stripped = await processPhoto(withGps, false)
    expect(await hasGps(stripped.data)).toBe(false)
    expect(stripped.width).toBe(1600)
    expect((await sharp(stripped.thumb).metadata()).width).toBe(320)
    expect(await hasGps((await processPhoto(withGps, true)).data)).toBe(true)
  })
})

describe('reports, urging and escalation', () => {
  it('a late report turns the light yellow; a report sent twice with one key counts once; the supervisor asks for more', async () => {
    const s = await setup()
    clock.freeze(new Date())
    const id = await assignedItem(s, { cycle: 'WEEKLY', deadline: inDays(60) })
    clock.advance(days(8))
    expect((await getItem(db(), s.ownerA, id)).light).toBe('yellow')
    const first = await reportProgress(db(), s.ownerA, id, { text: '进展', percent: 20, clientKey: 'offline-key-1' }, context)
    const again = await reportProgress(db(), s.ownerA, id, { text: '进展', percent: 20, clientKey: 'offline-key-1' }, context)
    expect(again).toEqual({ id: first.id, duplicate: true })
    expect(await db().supervisionReport.count({ where: { itemId: id } })).toBe(1)
    expect((await db().supervisionReport.findUniqueOrThrow({ where: { id: first.id } })).late).toBe(true)
    expect((await getItem(db(), s.ownerA, id)).light).toBe('green')
    await commentReport(db(), s.officer, first.id, { comment: '请补充照片', moreRequested: true }, context)
    expect(await db().inboxItem.count({ where: { personId: s.ids.ownerA, objectType: 'SupervisionMore', state: 'OPEN' } })).toBe(1)
    await expectAppError(commentReport(db(), s.ownerA, first.id, { comment: 'x' }, context), 'not_found')
  })

  it('urges overdue items once, escalates to the unit leader then the leader in charge, never twice under concurrent sweeps', async () => {
    const s = await setup()
    clock.freeze(new Date())
    const id = await assignedItem(s, { deadline: inDays(1) })
    const mine = () => db().supervisionUrge.findMany({ where: { itemId: id }, orderBy: [{ level: 'asc' }, { createdAt: 'asc' }] })
    await sweepUrges(db())
    expect(await mine()).toHaveLength(0)
    clock.advance(days(2))
    await Promise.all([sweepUrges(db()), sweepUrges(db()), sweepUrges(db())])
    let urges = await mine()
    expect(urges.map((u) => [u.level, u.toPersonId]).sort()).toEqual([[0, s.ids.ownerA], [0, s.ids.ownerB]].sort())
    expect(urges[0]!.number).toMatch(/^督催〔\d{4}〕\d+号$/)
    expect(urges[0]!.daysOverdue).toBeGreaterThanOrEqual(1)
    // Unit B answers with a report; unit A does not.
    await reportProgress(db(), s.ownerB, id, { text: '加紧办理', percent: 80 }, context)
    clock.advance(days(2))
    await Promise.all([sweepUrges(db()), sweepUrges(db())])
    urges = await mine()
    expect(urges.filter((u) => u.level === 1).map((u) => u.toPersonId)).toEqual([s.headA.personId])
    clock.advance(days(1))
    await sweepUrges(db())
    expect((await mine()).filter((u) => u.level === 2)).toHaveLength(0)
    clock.advance(days(1) + 1)
    await Promise.all([sweepUrges(db()), sweepUrges(db())])
    urges = await mine()
    expect(urges.filter((u) => u.level === 2).map((u) => u.toPersonId)).toEqual([s.leader.personId])
    await sweepUrges(db())
    expect(await mine()).toHaveLength(urges.length)
    const timeline = await db().supervisionEvent.findMany({ where: { itemId: id, action: { in: ['URGED', 'ESCALATED'] } } })
    expect(timeline).toHaveLength(urges.length)
    expect(await db().inboxItem.count({ where: { objectType: 'SupervisionUrge', objectId: { in: urges.map((u) => u.id) } } })).toBe(urges.length)
    // Manual urge with a message, at most once an hour.
    await urgeItem(db(), s.officer, id, { message: '请今日内反馈' }, context)
    await expectAppError(urgeItem(db(), s.officer, id, {}, context), 'supervision.urged_recently')
  })
})

describe('completion, rating and ranking', () => {
  it('the owner requests completion; the supervisor sends back once, approves, rates; parents complete with their children; the ranking shows the unit', async () => {
    const s = await setup()
    clock.freeze(new Date())
    const id = await assignedItem(s)
    const child = await decomposeItem(db(), s.officer, id, { title: '子项', deadline: inDays(10), leadUnitId: s.tree.dept.id }, context)
    await answerAssignment(db(), s.headA, (await getItem(db(), s.headA, child.id)).assignments[0]!.id, { accept: true, ownerId: s.ids.ownerA }, context)
    let rev = (await getItem(db(), s.ownerA, id)).revision
    await expectAppError(requestCompletion(db(), s.ownerA, id, { summary: '完成', revision: rev }, context), 'supervision.children_open')
    await expectAppError(requestCompletion(db(), s.ownerB, child.id, { summary: '完成', revision: 0 }, context), 'not_found')
    rev = (await getItem(db(), s.ownerA, child.id)).revision
    await requestCompletion(db(), s.ownerA, child.id, { summary: '已完成', revision: rev }, context)
    rev = (await getItem(db(), s.officer, child.id)).revision
    await expectAppError(reviewCompletion(db(), s.officer, child.id, { approve: false, revision: rev }, context), 'supervision.reason_required')
    await expectAppError(reviewCompletion(db(), s.ownerA, child.id, { approve: true, revision: rev }, context), 'not_found')
    await reviewCompletion(db(), s.officer, child.id, { approve: false, reason: '缺少佐证材料', revision: rev }, context)
    expect((await getItem(db(), s.ownerA, child.id)).status).toBe('IN_PROGRESS')
    await requestCompletion(db(), s.ownerA, child.id, { summary: '补充了材料', revision: (await getItem(db(), s.ownerA, child.id)).revision }, context)
    await expectAppError(reviewCompletion(db(), s.officer, child.id, { approve: true, revision: rev }, context), 'supervision.stale')
    await reviewCompletion(db(), s.officer, child.id, { approve: true, revision: (await getItem(db(), s.officer, child.id)).revision }, context)
    const parent = await getItem(db(), s.officer, id)
    expect(parent.status).toBe('COMPLETED')
    expect(parent.progress).toBe(100)
    await rateItem(db(), s.officer, id, { rating: 'GOOD', comment: '按期完成' }, context)
    await expectAppError(rateItem(db(), s.ownerA, id, { rating: 'EXCELLENT' }, context), 'not_found')
    const ranking = await computeRanking(db(), s.officer, { from: inDays(-1), to: inDays(40) })
    const row = ranking.find((r) => r.unitId === s.tree.dept.id)!
    expect(row).toMatchObject({ due: 2, onTime: 2, onTimeRate: 100, overdue: 0, rating: 85 })
    const dash = await dashboardData(db(), s.officer)
    expect(dash.trend).toHaveLength(6)
    expect(dash.trend.at(-1)).toMatchObject({ month: shanghaiDate(clock.now()).slice(0, 7), completed: 2 })
    expect(dash.statuses.COMPLETED).toBe(2)
    const published = await publishRanking(db(), s.officer, { from: inDays(-1), to: inDays(40) }, context)
    const snapshot = await db().supervisionRanking.findUniqueOrThrow({ where: { id: published.id } })
    expect((snapshot.rows as { unitId: string }[]).some((r) => r.unitId === s.tree.dept.id)).toBe(true)
    // The 督查通报 in the official layout: text as a reader sees it (pdftotext).
    const pdf = await rankingPdf(db(), s.ownerA, published.id)
    const { execFileSync } = await import('node:child_process')
    const words = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString().replace(/\s+/g, '')
    expect(words).toContain('督办事项办理情况的通报')
    expect(words).toContain(s.tree.dept.name.replace(/\s+/g, ''))
  })
})

