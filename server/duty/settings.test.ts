import { beforeAll, describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import {
  createRoster, defaultDutySettings, dutySettingsView, effectiveDutySettings, ensureOfficialCalendar, generateRoster, resetDutySettings,
  rosterDetail, saveDutySettings, savePost, type DutySettings,
} from './index.ts'

const context = buildContext()

beforeAll(async () => {
  await ensureOfficialCalendar(db())
})

const settings = (change: (s: DutySettings) => void = () => undefined): DutySettings => {
  const s = structuredClone(defaultDutySettings)
  change(s)
  return s
}

/** The issues a save with these settings is refused with, as `path: message`. */
async function refusal(actor: Awaited<ReturnType<typeof actorFor>>, unitId: string, value: unknown): Promise<string[]> {
  const error = await saveDutySettings(db(), actor, { unitId, revision: null, settings: value as DutySettings }, context).then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ZodError)
  return (error as ZodError).issues.map((i) => `${i.path.slice(1).join('.')}: ${i.message}`)
}

describe('duty settings', () => {
  it('are set by a duty manager for the units they manage only, hold for the units below, guard against stale saves, and are audited', async () => {
    const tree = await buildTree()
    const manager = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
    const divisionOnly = await actorFor(await buildPerson({ unit: tree.division, grants: [{ permissions: ['duty.manage'], unit: tree.division }] }))
    const clerk = await actorFor(await buildPerson({ unit: tree.dept }))
    const upperOffice = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['duty.oversee'], unit: tree.root }] }))

    // Nobody set anything: the platform's.
    expect(await effectiveDutySettings(db(), tree.division)).toMatchObject({ fromUnitId: null, revision: null, settings: defaultDutySettings })

    const mine = settings((s) => { s.maxConsecutiveDays = 2; s.weights.holiday = 4 })
    expect(await saveDutySettings(db(), manager, { unitId: tree.dept.id, revision: null, settings: mine }, context)).toMatchObject({ revision: 0 })
    // The division below has none of its own: it follows the department.
    expect(await effectiveDutySettings(db(), tree.division)).toMatchObject({ fromUnitId: tree.dept.id, revision: null, settings: mine })
    expect(await dutySettingsView(db(), manager, tree.division.id)).toMatchObject({ source: 'inherited', inheritedFrom: { id: tree.dept.id } })
    expect((await effectiveDutySettings(db(), tree.sibling)).fromUnitId).toBeNull()

    // Out of scope is not found: the unit above, a sibling, a clerk, the upper duty office (it oversees, it does not manage).
    for (const [actor, unitId] of [[manager, tree.root.id], [manager, tree.sibling.id], [divisionOnly, tree.dept.id], [clerk, tree.dept.id], [upperOffice, tree.dept.id]] as const) {
      await expectAppError(saveDutySettings(db(), actor, { unitId, revision: null, settings: mine }, context), 'not_found')
      await expectAppError(dutySettingsView(db(), actor, unitId), 'not_found')
    }
    // The division's own manager may give it its own, which then wins there.
    const divisions = settings((s) => { s.restAfterNightHours = 12 })
    await saveDutySettings(db(), divisionOnly, { unitId: tree.division.id, revision: null, settings: divisions }, context)
    expect(await effectiveDutySettings(db(), tree.division)).toMatchObject({ fromUnitId: tree.division.id, revision: 0, settings: divisions })

    // A page read before another manager's save is refused, not silently overwritten.
    await expectAppError(saveDutySettings(db(), manager, { unitId: tree.dept.id, revision: null, settings: mine }, context), 'duty.settings_stale')
    expect(await saveDutySettings(db(), manager, { unitId: tree.dept.id, revision: 0, settings: settings() }, context)).toMatchObject({ revision: 1 })
    await expectAppError(saveDutySettings(db(), manager, { unitId: tree.dept.id, revision: 0, settings: mine }, context), 'duty.settings_stale')

    const audit = await db().auditEvent.findMany({ where: { action: 'duty.settings_save', objectId: tree.dept.id }, orderBy: { occurredAt: 'asc' } })
    expect(audit).toHaveLength(2)
    expect(audit[1]!.details).toMatchObject({ before: { maxConsecutiveDays: 2, weights: { holiday: 4 } }, after: { maxConsecutiveDays: 3 } })

    // Reset: the division follows the department again; a stale or foreign reset is refused.
    await expectAppError(resetDutySettings(db(), manager, { unitId: tree.root.id, revision: 0 }, context), 'not_found')
    await expectAppError(resetDutySettings(db(), divisionOnly, { unitId: tree.division.id, revision: 5 }, context), 'duty.settings_stale')
    await resetDutySettings(db(), divisionOnly, { unitId: tree.division.id, revision: 0 }, context)
    expect((await effectiveDutySettings(db(), tree.division)).fromUnitId).toBe(tree.dept.id)
    expect(await db().auditEvent.count({ where: { action: 'duty.settings_reset', objectId: tree.division.id } })).toBe(1)
  })

  it('are validated field by field, with the rules between fields, before anything is stored', async () => {
    const tree = await buildTree()
    const manager = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
    expect(await refusal(manager, tree.dept.id, settings((s) => { s.maxConsecutiveDays = 1.5 }))).toEqual(['maxConsecutiveDays: duty_whole_number'])
    expect(await refusal(manager, tree.dept.id, settings((s) => { s.weights.night = 1.25 }))).toEqual(['weights.night: duty_one_decimal'])
    expect(await refusal(manager, tree.dept.id, settings((s) => { s.maxConsecutiveDays = 0; s.restAfterNightHours = 100 }))).toEqual([
      'restAfterNightHours: Too big: expected number to be <=72', 'maxConsecutiveDays: Too small: expected number to be >=1',
    ])
    expect(await refusal(manager, tree.dept.id, settings((s) => { (s as { historyDays: unknown }).historyDays = null }))).toEqual(['historyDays: required'])
    expect(await refusal(manager, tree.dept.id, settings((s) => { (s.weights as { weekend: unknown }).weekend = 'many' }))).toEqual(['weights.weekend: duty_number'])
    expect(await refusal(manager, tree.dept.id, settings((s) => { s.incident.phoneMinutes = 60; s.incident.writtenMinutes = 30 }))).toEqual(['incident.writtenMinutes: duty_written_before_phone'])
    expect(await refusal(manager, tree.dept.id, settings((s) => { s.incident.remindBeforeMinutes = 30 }))).toEqual(['incident.remindBeforeMinutes: duty_remind_too_early'])
    expect(await refusal(manager, tree.dept.id, settings((s) => { s.incident.leaderAfterMinutes = 40 }))).toEqual(['incident.upperAfterMinutes: duty_upper_before_leader'])
    expect(await db().dutyUnitSettings.count({ where: { unitId: tree.dept.id } })).toBe(0)
  })

  it('are what the scheduler uses for a post of the unit or below', async () => {
    const tree = await buildTree()
    const managerPerson = await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] })
    const manager = await actorFor(managerPerson)
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => buildPerson({ unit: tree.division, name: `值班员${i}` })))
    const post = await savePost(db(), manager, {
      unitId: tree.division.id, name: '科室值班', phone: '1',
      patterns: [
        { name: '白班', startMinute: 510, durationMinutes: 540, appliesOn: 'ALL', roles: [{ name: '值班员', count: 1, eligible: people.map((p) => p.id) }] },
        { name: '夜班', startMinute: 1050, durationMinutes: 900, appliesOn: 'ALL', roles: [{ name: '值班员', count: 1, eligible: people.map((p) => p.id) }] },
      ],
    }, context)
    const weightsOn = async () => {
      const { id } = await createRoster(db(), manager, { postId: post.id, startDate: '2026-09-30', endDate: '2026-10-02' }, context)
      await generateRoster(db(), manager, id, 0, context)
      const detail = await rosterDetail(db(), manager, id)
      return Object.fromEntries(detail.days.map((d) => [d.date, d.cells.map((c) => c.weight)]))
    }
    // Defaults: a workday 1 (night ×1.5), National Day 2 (night 3).
    expect(await weightsOn()).toEqual({ '2026-09-30': [1, 1.5], '2026-10-01': [2, 3], '2026-10-02': [2, 3] })
    // The department's settings reach the division's post.
    await saveDutySettings(db(), manager, { unitId: tree.dept.id, revision: null, settings: settings((s) => { s.weights = { workday: 1, weekend: 1.5, holiday: 5, night: 2 } }) }, context)
    expect(await weightsOn()).toEqual({ '2026-09-30': [1, 2], '2026-10-01': [5, 10], '2026-10-02': [5, 10] })
  })
})
