import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { createRoster, ensureOfficialCalendar, generateRoster, rosterDetail, savePost } from '../duty/index.ts'
import { listDelegations, createDelegation } from '../documents/index.ts'
import { saveLeaveRule, annualBalanceIn, cancelLeave, countHalfDays, decideLeave, getLeave, leaveToApprove, myLeave, officeLeave, peopleOnLeave, requestLeave, setEntitlement } from './index.ts'

const context = buildContext()

beforeAll(async () => {
  await ensureOfficialCalendar(db())
})
afterEach(() => clock.reset())

/** 市政府 → 发改委 (its office holds leave.manage) → 综合科 (a head and two clerks), and an outsider elsewhere. */
async function setup() {
  const tree = await buildTree()
  const head = await buildPerson({ unit: tree.division, name: '科长', leaderRank: 'PRINCIPAL', title: '科长' })
  const clerk = await buildPerson({ unit: tree.division, name: '科员甲' })
  const colleague = await buildPerson({ unit: tree.division, name: '科员乙' })
  const office = await buildPerson({ unit: tree.dept, name: '办公室主任', grants: [{ permissions: ['leave.manage'], unit: tree.dept }] })
  const outsider = await buildPerson({ unit: tree.sibling, name: '外单位', grants: [{ permissions: ['leave.manage'], unit: tree.sibling }] })
  const actors = {
    head: await actorFor(head), clerk: await actorFor(clerk), colleague: await actorFor(colleague), office: await actorFor(office), outsider: await actorFor(outsider),
  }
  await setEntitlement(db(), actors.office, { personId: clerk.id, year: 2026, days: 5 }, context)
  return { tree, head, clerk, colleague, office, outsider, actors }
}

const inboxOf = (personId: string) => db().inboxItem.findMany({ where: { personId, objectType: 'LeaveRequest', state: 'OPEN' }, select: { kind: true, objectId: true, title: true } })

describe('working half-days on the official calendar', () => {
  it('counts halves and skips the National Day holiday, and counts a 调休 Saturday', async () => {
    const { officialDaysFor } = await import('../duty/index.ts')
    const official = await officialDaysFor(db(), [2026])
    // Wed 09-30 afternoon … Fri 10-09 morning: ½ + (10-01…07 off) + 1 + ½ = 2 days.
    expect(countHalfDays({ startDate: '2026-09-30', startHalf: 'PM', endDate: '2026-10-09', endHalf: 'AM' }, official)).toBe(4)
    // Fri 10-09 … Sat 10-10 (a make-up working day): 2 days; Sat 10-03 … Sun 10-04: none.
    expect(countHalfDays({ startDate: '2026-10-09', startHalf: 'AM', endDate: '2026-10-10', endHalf: 'PM' }, official)).toBe(4)
    expect(countHalfDays({ startDate: '2026-10-03', startHalf: 'AM', endDate: '2026-10-04', endHalf: 'PM' }, official)).toBe(0)
    // One morning.
    expect(countHalfDays({ startDate: '2026-09-29', startHalf: 'AM', endDate: '2026-09-29', endHalf: 'AM' }, official)).toBe(1)
  })

  it('refuses a period of no working day and one that ends before it starts', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { actors } = await setup()
    await expectAppError(requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-10-03', endDate: '2026-10-04', reason: '出行' }, context), 'leave.no_days')
    await expectAppError(requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-10-09', endDate: '2026-10-08', reason: '出行' }, context), 'leave.period')
    await expectAppError(requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-10-09', startHalf: 'PM', endDate: '2026-10-09', endHalf: 'AM', reason: '出行' }, context), 'leave.period')
  })
})

describe('the approval chain', () => {
  it('short leave: the division head only; long leave: the head, then the office; one inbox item per step', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { head, clerk, office, actors } = await setup()
    const short = await requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-09-14', endDate: '2026-09-15', reason: '家中有事' }, context)
    expect(short).toMatchObject({ halfDays: 4, steps: 1 })
    const long = await requestLeave(db(), actors.clerk, { type: 'SICK', startDate: '2026-10-12', endDate: '2026-10-16', reason: '住院' }, context)
    expect(long).toMatchObject({ halfDays: 10, steps: 2 })
    expect((await inboxOf(head.id)).map((i) => i.objectId).sort()).toEqual([`${short.id}:0`, `${long.id}:0`].sort())
    expect(await inboxOf(office.id)).toEqual([])

    // The office cannot act before its step; the head approves the long one, which moves on to the office.
    await expectAppError(decideLeave(db(), actors.office, long.id, { revision: 0, approve: true }, context), 'leave.not_pending')
    expect(await decideLeave(db(), actors.head, long.id, { revision: 0, approve: true, comment: '同意' }, context)).toEqual({ status: 'PENDING' })
    // A stale page (revision 0 again) is refused.
    await expectAppError(decideLeave(db(), actors.office, long.id, { revision: 0, approve: true }, context), 'leave.stale')
    expect((await inboxOf(head.id)).map((i) => i.objectId)).toEqual([`${short.id}:0`])
    expect((await inboxOf(office.id)).map((i) => i.objectId)).toEqual([`${long.id}:1`])
    expect((await leaveToApprove(db(), actors.office)).map((l) => l.id)).toEqual([long.id])
    expect(await decideLeave(db(), actors.office, long.id, { revision: 1, approve: true }, context)).toEqual({ status: 'APPROVED' })
    expect(await inboxOf(office.id)).toEqual([])
    const view = await getLeave(db(), actors.clerk, long.id)
    expect(view.steps.map((s) => [s.role, s.decision?.isApproved])).toEqual([['DIVISION_HEAD', true], ['OFFICE', true]])
    // Approved: the applicant is told and offered a delegation (委托) for the period, through server/documents.
    expect(view.offersDelegation).toBe(true)
    expect((await inboxOf(clerk.id)).map((i) => i.objectId)).toEqual([`${long.id}:approved`])
    await createDelegation(db(), actors.clerk, { deputyId: head.id, startsAt: view.startsAt, endsAt: view.endsAt, reason: '请假' }, context)
    expect((await listDelegations(db(), actors.clerk)).map((d) => d.deputyName)).toEqual(['科长'])

    // Rejection needs a comment and tells the applicant.
    await expectAppError(decideLeave(db(), actors.head, short.id, { revision: 0, approve: false }, context), 'validation')
    expect(await decideLeave(db(), actors.head, short.id, { revision: 0, approve: false, comment: '当天有会' }, context)).toEqual({ status: 'REJECTED' })
    expect((await inboxOf(clerk.id)).map((i) => i.objectId).sort()).toEqual([`${long.id}:approved`, `${short.id}:rejected`].sort())
    // The audit trail was written for each step.
    expect(await db().auditEvent.count({ where: { objectId: long.id, action: { in: ['leave.request', 'leave.approve'] } } })).toBe(3)
  })

  it('a head asks the head of the unit above; a unit with no head anywhere is refused with leave.no_approver', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { tree, actors } = await setup()
    await expectAppError(requestLeave(db(), actors.head, { type: 'PERSONAL', startDate: '2026-09-14', endDate: '2026-09-14', reason: '私事' }, context), 'leave.no_approver')
    const director = await buildPerson({ unit: tree.dept, name: '主任', leaderRank: 'PRINCIPAL' })
    const own = await requestLeave(db(), actors.head, { type: 'PERSONAL', startDate: '2026-09-14', endDate: '2026-09-14', reason: '私事' }, context)
    expect((await inboxOf(director.id)).map((i) => i.objectId)).toEqual([`${own.id}:0`])
  })
})

describe('annual leave balance', () => {
  it('refuses annual leave over what is left, counting pending leave, with the figures in the message', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { actors, clerk } = await setup()
    const first = await requestLeave(db(), actors.clerk, { type: 'ANNUAL', startDate: '2026-09-14', endDate: '2026-09-16', startHalf: 'PM', reason: '休假' }, context)
    expect(await annualBalanceIn(db(), clerk.id, 2026)).toMatchObject({ entitledHalfDays: 10, pendingHalfDays: 5, remainingHalfDays: 5 })
    const error = await expectAppError(requestLeave(db(), actors.clerk, { type: 'ANNUAL', startDate: '2026-09-21', endDate: '2026-09-23', reason: '休假' }, context), 'leave.over_balance')
    expect(error.params).toEqual({ year: 2026, asked: '3', remaining: '2.5' })
    // Sick leave does not use the balance; cancelling gives the days back.
    await requestLeave(db(), actors.clerk, { type: 'SICK', startDate: '2026-09-21', endDate: '2026-09-23', reason: '病' }, context)
    await cancelLeave(db(), actors.clerk, first.id, { revision: 0 }, context)
    expect(await annualBalanceIn(db(), clerk.id, 2026)).toMatchObject({ pendingHalfDays: 0, remainingHalfDays: 10 })
    // Overlapping one's own leave is refused.
    await expectAppError(requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-09-22', endDate: '2026-09-22', reason: '重叠' }, context), 'leave.overlap')
    // Only the office of the person's organisation sets the entitlement.
    await expectAppError(setEntitlement(db(), actors.outsider, { personId: clerk.id, year: 2026, days: 15 }, context), 'not_found')
    await expectAppError(setEntitlement(db(), actors.head, { personId: clerk.id, year: 2026, days: 15 }, context), 'not_found')
  })
})

describe('who sees leave', () => {
  it('the person, their approvers and the office see it; a colleague and another unit’s office get not found', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { actors } = await setup()
    const { id } = await requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-09-14', endDate: '2026-09-14', reason: '私事' }, context)
    for (const who of [actors.clerk, actors.head, actors.office]) expect((await getLeave(db(), who, id)).id).toBe(id)
    for (const who of [actors.colleague, actors.outsider]) {
      await expectAppError(getLeave(db(), who, id), 'not_found')
      await expectAppError(decideLeave(db(), who, id, { revision: 0, approve: true }, context), 'not_found')
      await expectAppError(cancelLeave(db(), who, id, { revision: 0 }, context), 'not_found')
    }
    // The approver may not cancel someone else's leave.
    await expectAppError(cancelLeave(db(), actors.head, id, { revision: 0 }, context), 'not_found')
    expect((await officeLeave(db(), actors.office)).map((l) => l.id)).toContain(id)
    expect(await officeLeave(db(), actors.outsider)).toEqual([])
    expect(await myLeave(db(), actors.colleague)).toEqual([])
  })

  it('cancelling is the applicant’s, only before the leave starts', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { actors } = await setup()
    const { id } = await requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-09-02', endDate: '2026-09-02', reason: '私事' }, context)
    await decideLeave(db(), actors.head, id, { revision: 0, approve: true }, context)
    clock.freeze(new Date('2026-09-02T02:00:00Z'))
    await expectAppError(cancelLeave(db(), actors.clerk, id, { revision: 1 }, context), 'leave.already_started')
  })
})

describe('approved leave and duty', () => {
  it('shows 请假中 for the period, and the fair scheduler leaves the person out; cancelling brings them back', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { tree, clerk, colleague, actors } = await setup()
    const manager = await actorFor(await buildPerson({ unit: tree.dept, name: '值班管理员', grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
    const post = await savePost(db(), manager, {
      unitId: tree.dept.id, name: '总值班', phone: '1',
      patterns: [{ name: '白班', startMinute: 510, durationMinutes: 540, appliesOn: 'ALL', roles: [{ name: '值班员', count: 1, eligible: [clerk.id, colleague.id] }] }],
    }, context)
    const { id } = await requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-09-14', endDate: '2026-09-15', reason: '家中有事' }, context)
    await decideLeave(db(), actors.head, id, { revision: 0, approve: true }, context)
    expect(await db().dutyUnavailability.findMany({ where: { personId: clerk.id }, select: { reason: true, source: true } })).toEqual([{ reason: 'LEAVE', source: `leave:${id}` }])

    expect([...await peopleOnLeave(db(), [clerk.id, colleague.id], new Date('2026-09-14T03:00:00Z'))]).toEqual([clerk.id])
    expect([...await peopleOnLeave(db(), [clerk.id], new Date('2026-09-16T03:00:00Z'))]).toEqual([])

    const roster = await createRoster(db(), manager, { postId: post.id, startDate: '2026-09-12', endDate: '2026-09-17' }, context)
    await generateRoster(db(), manager, roster.id, 0, context)
    const byDate = async (rosterId: string) => {
      const rows = await db().dutyAssignment.findMany({ where: { rosterId }, select: { date: true, personId: true }, orderBy: { date: 'asc' } })
      return Object.fromEntries(rows.map((r) => [r.date, r.personId]))
    }
    const filled = await byDate(roster.id)
    expect(filled['2026-09-14']).toBe(colleague.id)
    expect(filled['2026-09-15']).toBe(colleague.id)
    // Without the leave the two would take turns: the clerk gets some of the other days.
    expect(Object.values(filled).filter((p) => p === clerk.id).length).toBeGreaterThan(0)
    expect((await rosterDetail(db(), manager, roster.id)).days.length).toBe(6)

    await cancelLeave(db(), actors.clerk, id, { revision: 1 }, context)
    expect(await db().dutyUnavailability.count({ where: { personId: clerk.id } })).toBe(0)
  })
})

describe('the approval template as data', () => {
  it('an office makes the office step apply from 1 day on; an outsider may not change it', async () => {
    clock.freeze(new Date('2026-09-01T01:00:00Z'))
    const { tree, office, actors } = await setup()
    await expectAppError(saveLeaveRule(db(), actors.outsider, { unitId: tree.dept.id, steps: [{ role: 'DIVISION_HEAD' }] }, context), 'not_found')
    await saveLeaveRule(db(), actors.office, { unitId: tree.dept.id, steps: [{ role: 'DIVISION_HEAD' }, { role: 'OFFICE', overDays: 1 }] }, context)
    const two = await requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-09-14', endDate: '2026-09-15', reason: '私事' }, context)
    expect(two.steps).toBe(2)
    const one = await requestLeave(db(), actors.clerk, { type: 'PERSONAL', startDate: '2026-09-17', endDate: '2026-09-17', reason: '私事' }, context)
    expect(one.steps).toBe(1)
    expect((await getLeave(db(), actors.office, two.id)).steps.map((s) => s.approverId)).toContain(office.id)
  })
})
