import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, minutes, shanghaiInstant } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { createRoster, ensureOfficialCalendar, generateRoster, listIncidents, openIncident, publishRoster, recordIncident, reportIncident, savePost, sweepIncidentDeadlines } from './index.ts'

const context = buildContext()
beforeAll(async () => {
  await ensureOfficialCalendar(db())
})
afterEach(() => clock.reset())

describe('incident reports (突发事件信息报送)', () => {
  it('timers from the incident time remind, urge, escalate to the leader on duty and then the upper office; reports stop them; the upper office reads it with a receipt', async () => {
    const tree = await buildTree()
    const manager = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
    const leader = await buildPerson({ unit: tree.dept, name: '带班领导', leaderRank: 'DEPUTY' })
    const officer = await buildPerson({ unit: tree.dept, name: '值班员' })
    const upper = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['duty.oversee'], unit: tree.root }] }))
    const outsider = await actorFor(await buildPerson({ unit: (await buildTree()).dept }))
    const post = await savePost(db(), manager, { unitId: tree.dept.id, name: '总值班', patterns: [{ name: '24小时', startMinute: 510, durationMinutes: 1440, roles: [{ name: '带班领导', count: 1, isLeader: true, eligible: [leader.id] }, { name: '值班员', count: 1, eligible: [officer.id] }] }] }, context)
    const { id } = await createRoster(db(), manager, { postId: post.id, startDate: '2026-11-03', endDate: '2026-11-03' }, context)
    await publishRoster(db(), manager, id, (await generateRoster(db(), manager, id, 0, context)).revision, context)
    const me = await actorFor(officer)

    const at = shanghaiInstant('2026-11-03', 14 * 60) // 14:00
    clock.freeze(new Date(at.getTime() + minutes(5)))
    const { id: incidentId } = await recordIncident(db(), me, { title: '某路段山体滑坡', occurredAt: at, place: '东平区 S221 线', kind: '自然灾害', level: 3, casualties: '暂无人员伤亡', measures: '已封闭路段' }, context)
    expect(await db().inboxItem.count({ where: { objectId: incidentId, personId: upper.personId, kind: 'TO_READ', state: 'OPEN' } })).toBe(1)
    expect((await listIncidents(db(), outsider)).length).toBe(0)
    await expectAppError(openIncident(db(), outsider, incidentId), 'not_found')

    const keys = async () => (await db().dutyIncidentEvent.findMany({ where: { incidentId }, orderBy: { at: 'asc' } })).map((e) => e.key)
    const sweepAt = async (m: number) => { clock.freeze(new Date(at.getTime() + minutes(m))); await sweepIncidentDeadlines(db(), clock.now()) }
    await sweepAt(19)
    expect(await keys()).toEqual(['recorded'])
    await sweepAt(20) // 10 minutes before the phone deadline
    expect(await keys()).toEqual(['recorded', 'remind:phone'])
    await sweepAt(20)
    expect(await keys()).toEqual(['recorded', 'remind:phone']) // once
    await sweepAt(30)
    expect(await keys()).toContain('urge:phone')
    await sweepAt(40)
    const leaderStep = await db().dutyIncidentEvent.findUniqueOrThrow({ where: { incidentId_key: { incidentId, key: 'leader:phone' } } })
    expect(leaderStep.personIds).toEqual([leader.id])
    await reportIncident(db(), me, incidentId, { kind: 'PHONE', text: '', revision: 0 }, context)
    await sweepAt(60)
    expect(await keys()).not.toContain('upper:phone') // the phone report is in
    expect(await keys()).toContain('urge:written')
    await sweepAt(90)
    const upperStep = await db().dutyIncidentEvent.findUniqueOrThrow({ where: { incidentId_key: { incidentId, key: 'upper:written' } } })
    expect(upperStep.personIds).toEqual([upper.personId])

    const detail = await openIncident(db(), upper, incidentId)
    expect(detail.receipts.map((r) => r.personId)).toEqual([upper.personId])
    expect(detail.mayReport).toBe(false)
    await expectAppError(reportIncident(db(), upper, incidentId, { kind: 'WRITTEN', text: 'x', revision: 1 }, context), 'not_found')
    await reportIncident(db(), me, incidentId, { kind: 'WRITTEN', text: '14:00 许发生山体滑坡……', revision: 1 }, context)
    await reportIncident(db(), me, incidentId, { kind: 'FOLLOW_UP', text: '道路抢通进展……', revision: 2 }, context)
    expect((await openIncident(db(), me, incidentId)).receipts).toEqual([]) // a new report, read again
    await reportIncident(db(), me, incidentId, { kind: 'FINAL', text: '已处置完毕', revision: 3 }, context)
    await expectAppError(reportIncident(db(), me, incidentId, { kind: 'FOLLOW_UP', text: '…', revision: 4 }, context), 'duty.incident_closed')
    await sweepAt(300)
    expect((await openIncident(db(), me, incidentId)).events.map((e) => e.key).filter((k) => k.startsWith('report:'))).toHaveLength(4)
    expect(await db().inboxItem.count({ where: { objectType: 'DutyIncident', objectId: incidentId, personId: officer.id, kind: 'TODO', state: 'OPEN' } })).toBe(0)
  })

  it('deadlines are settings', async () => {
    await db().systemSetting.upsert({ where: { key: 'duty.settings' }, create: { key: 'duty.settings', value: { incident: { phoneMinutes: 15 } } }, update: { value: { incident: { phoneMinutes: 15 } } } })
    const { dutySettings } = await import('./settings.ts')
    expect((await dutySettings(db())).incident).toMatchObject({ phoneMinutes: 15, writtenMinutes: 60 })
    await db().systemSetting.delete({ where: { key: 'duty.settings' } })
  })
})
