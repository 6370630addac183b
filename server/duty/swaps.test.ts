import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { answerSwap, createRoster, decideSwap, ensureOfficialCalendar, generateRoster, publishRoster, requestSwap, savePost, swapDetail, swapOptions } from './index.ts'

const context = buildContext()

beforeAll(async () => {
  await ensureOfficialCalendar(db())
  clock.freeze(new Date('2026-11-20T02:00:00Z'))
  return () => clock.reset()
})

describe('换班 and 替班', () => {
  it('request → the colleague accepts → the manager approves → the roster changes; each step is for its person only', async () => {
    const tree = await buildTree()
    const manager = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['duty.manage'], unit: tree.dept }] }))
    const officers = await Promise.all(Array.from({ length: 4 }, (_, i) => buildPerson({ unit: tree.dept, name: `值班员${i}` })))
    const post = await savePost(db(), manager, { unitId: tree.dept.id, name: '总值班', patterns: [{ name: '夜班', startMinute: 1050, durationMinutes: 900, roles: [{ name: '值班员', count: 1, eligible: officers.map((o) => o.id) }] }] }, context)
    const { id } = await createRoster(db(), manager, { postId: post.id, startDate: '2026-12-01', endDate: '2026-12-31' }, context)
    const generated = await generateRoster(db(), manager, id, 0, context)
    await publishRoster(db(), manager, id, generated.revision, context)
    const cells = await db().dutyAssignment.findMany({ where: { rosterId: id }, orderBy: { startsAt: 'asc' } })
    const mine = cells[0]!
    const me = officers.find((o) => o.id === mine.personId)!
    const theirs = cells.find((c) => c.personId !== me.id)!
    const colleague = officers.find((o) => o.id === theirs.personId)!
    const meActor = await actorFor(me)
    const colleagueActor = await actorFor(colleague)
    const stranger = await actorFor(officers.find((o) => o.id !== me.id && o.id !== colleague.id)!)

    const options = await swapOptions(db(), meActor, mine.id)
    expect(options.colleagues.map((c) => c.id)).toContain(colleague.id)
    await expectAppError(swapOptions(db(), colleagueActor, mine.id), 'not_found') // not their shift

    const { id: swapId } = await requestSwap(db(), meActor, { kind: 'SWAP', assignmentId: mine.id, counterpartId: colleague.id, counterpartAssignmentId: theirs.id, reason: '出差' }, context)
    expect(await db().inboxItem.count({ where: { objectId: swapId, personId: colleague.id, kind: 'TODO', state: 'OPEN' } })).toBe(1)
    await expectAppError(swapDetail(db(), stranger, swapId), 'not_found')
    await expectAppError(answerSwap(db(), meActor, swapId, { accept: true, revision: 0 }, context), 'not_found')
    await expectAppError(decideSwap(db(), manager, swapId, { approve: true, revision: 0 }, context), 'duty.swap_closed')

    const answered = await answerSwap(db(), colleagueActor, swapId, { accept: true, revision: 0 }, context)
    expect(answered.status).toBe('ACCEPTED')
    expect(await db().inboxItem.count({ where: { objectId: swapId, personId: colleague.id, state: 'OPEN' } })).toBe(0)
    expect(await db().inboxItem.count({ where: { objectId: swapId, personId: manager.personId, kind: 'TODO', state: 'OPEN' } })).toBe(1)
    await expectAppError(decideSwap(db(), colleagueActor, swapId, { approve: true, revision: answered.revision }, context), 'not_found')

    const decided = await decideSwap(db(), manager, swapId, { approve: true, revision: answered.revision }, context)
    expect(decided.status).toBe('APPROVED')
    expect((await db().dutyAssignment.findUniqueOrThrow({ where: { id: mine.id } })).personId).toBe(colleague.id)
    expect((await db().dutyAssignment.findUniqueOrThrow({ where: { id: theirs.id } })).personId).toBe(me.id)
    expect(new Set(decided.push!.personIds)).toEqual(new Set([me.id, colleague.id]))
    expect(await db().inboxItem.count({ where: { objectId: swapId, kind: 'TODO', state: 'OPEN' } })).toBe(0)
    await expectAppError(decideSwap(db(), manager, swapId, { approve: true, revision: decided.revision }, context), 'duty.swap_closed')

    // 替班 of a shift that is no longer mine is refused; a colleague not eligible is refused.
    await expectAppError(requestSwap(db(), meActor, { kind: 'REPLACE', assignmentId: mine.id, counterpartId: stranger.personId }, context), 'not_found')
    const outsider = await buildPerson({ unit: tree.dept })
    await expectAppError(requestSwap(db(), meActor, { kind: 'REPLACE', assignmentId: theirs.id, counterpartId: outsider.id }, context), 'duty.counterpart_not_eligible')
  })
})
