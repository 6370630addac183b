import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { ensureOfficialCalendar } from '../duty/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { annualBalanceIn, bulkSetEntitlements, decideLeave, leaveOfficeView, requestLeave, saveLeaveRule, setEntitlement } from './index.ts'

const context = buildContext()

beforeAll(async () => {
  await ensureOfficialCalendar(db())
})
afterEach(() => clock.reset())

/** 市政府 → 发改委 (its office holds leave.manage) → 综合科 (a head and two clerks); 财政局 beside it with its own office. */
async function setup() {
  clock.freeze(new Date('2026-03-02T01:00:00Z'))
  const tree = await buildTree()
  const head = await buildPerson({ unit: tree.division, name: '科长', leaderRank: 'PRINCIPAL', title: '科长' })
  const clerk = await buildPerson({ unit: tree.division, name: '科员甲' })
  const colleague = await buildPerson({ unit: tree.division, name: '科员乙' })
  const office = await buildPerson({ unit: tree.dept, name: '办公室主任', grants: [{ permissions: ['leave.manage'], unit: tree.dept }] })
  const neighbour = await buildPerson({ unit: tree.sibling, name: '财政局办公室', grants: [{ permissions: ['leave.manage'], unit: tree.sibling }] })
  const stranger = await buildPerson({ unit: tree.sibling, name: '财政局科员' })
  return { tree, head, clerk, colleague, office, neighbour, stranger, actors: { office: await actorFor(office), neighbour: await actorFor(neighbour), clerk: await actorFor(clerk), head: await actorFor(head) } }
}

const zodPaths = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ZodError)
  return (error as ZodError).issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('the leave office page', () => {
  it('lists its own organisation’s people only, and another office’s organisation is not found', async () => {
    const s = await setup()
    await setEntitlement(db(), s.actors.office, { personId: s.clerk.id, year: 2026, days: 5, carriedDays: 2 }, context)
    const view = await leaveOfficeView(db(), s.actors.office, { year: 2026 })
    expect(view.organ).toMatchObject({ id: s.tree.dept.id })
    expect(view.organs.map((o) => o.id)).toEqual([s.tree.dept.id])
    const names = view.people!.map((p) => p.name)
    expect(names).toEqual(expect.arrayContaining(['科长', '科员甲', '科员乙', '办公室主任']))
    expect(names).not.toContain('财政局科员')
    expect(view.people!.find((p) => p.name === '科员甲')).toMatchObject({ entitledHalfDays: 10, carriedHalfDays: 4, remainingHalfDays: 14, revision: 0 })
    expect(view.rule).toMatchObject({ isDefault: true, revision: null })
    // Narrowed to the division.
    expect((await leaveOfficeView(db(), s.actors.office, { year: 2026, unitId: s.tree.division.id })).people!.map((p) => p.name).sort()).toEqual(['科员乙', '科员甲', '科长'].sort())
    await expectAppError(leaveOfficeView(db(), s.actors.office, { year: 2026, organId: s.tree.sibling.id }), 'not_found')
    await expectAppError(leaveOfficeView(db(), s.actors.neighbour, { year: 2026, organId: s.tree.dept.id }), 'not_found')
    await expectAppError(leaveOfficeView(db(), s.actors.office, { year: 2026, unitId: s.tree.sibling.id }), 'not_found')
    expect(await leaveOfficeView(db(), s.actors.clerk, { year: 2026 })).toEqual({ organs: [], organ: null })
  })

  it('edits one person’s entitlement and carry-over with a stale check; carried days count in the balance', async () => {
    const s = await setup()
    const first = await setEntitlement(db(), s.actors.office, { personId: s.clerk.id, year: 2026, days: 5, revision: null }, context)
    expect(first).toMatchObject({ entitledHalfDays: 10, carriedHalfDays: 0, revision: 0 })
    await expectAppError(setEntitlement(db(), s.actors.office, { personId: s.clerk.id, year: 2026, days: 10, revision: null }, context), 'leave.entitlement_stale')
    expect(await setEntitlement(db(), s.actors.office, { personId: s.clerk.id, year: 2026, days: 5, carriedDays: 1.5, revision: 0 }, context)).toMatchObject({ carriedHalfDays: 3, revision: 1 })
    expect(await annualBalanceIn(db(), s.clerk.id, 2026)).toMatchObject({ entitledHalfDays: 10, carriedHalfDays: 3, remainingHalfDays: 13 })
    // 6.5 days of annual leave fit only because of the carried-over 1.5.
    await requestLeave(db(), s.actors.clerk, { type: 'ANNUAL', startDate: '2026-03-09', endDate: '2026-03-17', endHalf: 'AM', reason: '休假' }, context)
    expect(await annualBalanceIn(db(), s.clerk.id, 2026)).toMatchObject({ pendingHalfDays: 13, remainingHalfDays: 0 })
    // Another office, a bad number, a third of a day: refused.
    await expectAppError(setEntitlement(db(), s.actors.neighbour, { personId: s.clerk.id, year: 2026, days: 15 }, context), 'not_found')
    expect(await zodPaths(setEntitlement(db(), s.actors.office, { personId: s.clerk.id, year: 2026, days: 5.3, carriedDays: 'x' as never }, context))).toEqual(['days: leave_half_days', 'carriedDays: leave_days'])
    const audit = await db().auditEvent.findMany({ where: { action: 'leave.set_entitlement', objectId: `${s.clerk.id}:2026` }, orderBy: { occurredAt: 'asc' } })
    expect(audit.at(-1)!.details).toMatchObject({ days: 5, carriedDays: 1.5, before: { days: 5, carriedDays: 0 } })
  })

  it('sets a whole unit at once and carries over last year’s unused own days up to the cap', async () => {
    const s = await setup()
    // 2025: 科员甲 had 10 days (+2 carried into 2025) and took 3; 科员乙 had 5 and took all; 科长 had none set.
    await db().leaveBalance.createMany({ data: [{ personId: s.clerk.id, year: 2025, entitledHalfDays: 20, carriedHalfDays: 4 }, { personId: s.colleague.id, year: 2025, entitledHalfDays: 10 }] })
    const taken = async (personId: string, halfDays: number) => db().leaveRequest.create({ data: {
      personId, unitId: s.tree.division.id, organId: s.tree.dept.id, type: 'ANNUAL', year: 2025, startDate: '2025-06-02', startHalf: 'AM', endDate: '2025-06-04', endHalf: 'PM', halfDays,
      startsAt: new Date('2025-06-02T00:00:00Z'), endsAt: new Date('2025-06-04T10:00:00Z'), reason: '休假', status: 'APPROVED', steps: [], approverIds: [],
    } })
    await taken(s.clerk.id, 6)
    await taken(s.colleague.id, 10)
    await setEntitlement(db(), s.actors.office, { personId: s.head.id, year: 2026, days: 15 }, context)

    expect(await zodPaths(bulkSetEntitlements(db(), s.actors.office, { unitId: s.tree.division.id, year: 2026 }, context))).toEqual(['days: leave_bulk_nothing'])
    await expectAppError(bulkSetEntitlements(db(), s.actors.neighbour, { unitId: s.tree.division.id, year: 2026, days: 5 }, context), 'not_found')

    // Carry-over only: entitlements stay; the 2 days carried into 2025 were used first and do not carry again.
    expect(await bulkSetEntitlements(db(), s.actors.office, { unitId: s.tree.division.id, year: 2026, carryOverMaxDays: 5 }, context)).toEqual({ people: 3, skipped: 0 })
    const balances = async () => Object.fromEntries((await db().leaveBalance.findMany({ where: { year: 2026, personId: { in: [s.clerk.id, s.colleague.id, s.head.id, s.office.id] } } })).map((b) => [b.personId, [b.entitledHalfDays, b.carriedHalfDays]]))
    // 科员甲: own 10 days − (3 taken − 2 carried) = 9 unused, capped at 5; 科员乙: none left; 科长: nothing last year.
    expect(await balances()).toEqual({ [s.clerk.id]: [0, 10], [s.colleague.id]: [0, 0], [s.head.id]: [30, 0] })
    // Then the entitlement for the division, carry-over left as it is; the office (in the department) is not touched.
    await bulkSetEntitlements(db(), s.actors.office, { unitId: s.tree.division.id, year: 2026, days: 10, includeSubunits: false }, context)
    expect(await balances()).toEqual({ [s.clerk.id]: [20, 10], [s.colleague.id]: [20, 0], [s.head.id]: [20, 0] })
    const audit = await db().auditEvent.findMany({ where: { action: 'leave.bulk_entitlement', objectId: s.tree.division.id }, orderBy: { occurredAt: 'asc' } })
    expect(audit.map((a) => a.details)).toMatchObject([{ people: 3, carryOverMaxDays: 5, carriedDays: 5 }, { people: 3, days: 10, carryOverMaxDays: null }])
  })

  it('edits the approval rule with checks: a step for all leave is required, half days only, a stale page is refused', async () => {
    const s = await setup()
    expect(await zodPaths(saveLeaveRule(db(), s.actors.office, { unitId: s.tree.dept.id, steps: [{ role: 'DIVISION_HEAD', overDays: 1 }] }, context))).toEqual(['steps: leave_rule_needs_base'])
    expect(await zodPaths(saveLeaveRule(db(), s.actors.office, { unitId: s.tree.dept.id, steps: [{ role: 'DIVISION_HEAD' }, { role: 'OFFICE', overDays: 1.2 }] }, context))).toEqual(['steps.1.overDays: leave_half_days'])
    expect(await saveLeaveRule(db(), s.actors.office, { unitId: s.tree.dept.id, revision: null, steps: [{ role: 'DIVISION_HEAD' }, { role: 'OFFICE', overDays: 0.5 }] }, context)).toMatchObject({ revision: 0 })
    await expectAppError(saveLeaveRule(db(), s.actors.office, { unitId: s.tree.dept.id, revision: null, steps: [{ role: 'OFFICE' }] }, context), 'leave.rule_stale')
    await expectAppError(saveLeaveRule(db(), s.actors.neighbour, { unitId: s.tree.dept.id, revision: 0, steps: [{ role: 'OFFICE' }] }, context), 'not_found')
    expect((await leaveOfficeView(db(), s.actors.office, { year: 2026 })).rule).toEqual({ isDefault: false, revision: 0, steps: [{ role: 'DIVISION_HEAD' }, { role: 'OFFICE', overDays: 0.5 }] })
    // The rule is what new leave follows: a day's leave now goes on to the office after the head.
    const leave = await requestLeave(db(), s.actors.clerk, { type: 'PERSONAL', startDate: '2026-03-09', endDate: '2026-03-09', reason: '私事' }, context)
    const row = await db().leaveRequest.findUniqueOrThrow({ where: { id: leave.id } })
    expect((row.steps as { role: string }[]).map((x) => x.role)).toEqual(['DIVISION_HEAD', 'OFFICE'])
    await decideLeave(db(), s.actors.head, leave.id, { revision: 0, approve: true }, context)
    expect(await db().auditEvent.count({ where: { action: 'leave.rule_save', objectId: s.tree.dept.id } })).toBe(1)
  })
})
