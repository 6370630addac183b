import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { buildUnit } from '../test/factories.ts'
import { listInbox, countOpenInbox } from '../inbox/index.ts'
import { buildOrganisation, ctx, personWithActor, revisionOf, stepOf } from './test-organisation.ts'
import { actOnDocument, addParticipant, choosableUnitIds, createIncomingDocument, getDocument, registerIncomingDocument } from './index.ts'

/** An incoming document registered in the drafting division, taken to 批办 (the leader in charge of its department). */
async function atInstruction() {
  const s = await buildOrganisation()
  const { id } = await createIncomingDocument(db(), s.registry.actor, { kind: 'NOTICE', title: '关于做好寒潮防范工作的通知', unitId: s.division.id, senderOrgan: '省政府办公厅' }, ctx)
  await registerIncomingDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
  await actOnDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
  await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '拟请市财政局办理。' }, ctx)
  expect(await stepOf(id)).toBe('批办')
  // A unit of another organisation, with a head (so only the choosable rule can refuse it).
  const elsewhere = await buildUnit({ name: '邻市财政局', organCode: `邻财${s.code}` })
  await personWithActor('邻市局长', elsewhere, { leaderRank: 'PRINCIPAL' })
  return { ...s, id, elsewhere }
}

describe('承办 units and 传阅 items', () => {
  it('批办 chooses only units of the document’s organisation; the server refuses others', async () => {
    const s = await atInstruction()
    const doc = await getDocument(db(), s.leader.actor, s.id)
    const choosable = await choosableUnitIds(db(), doc, doc.steps[doc.stepIndex! + 1])
    expect(choosable).toEqual(new Set([s.organ.id, s.dept.id, s.division.id, s.finance.id, s.ndrc.id]))
    await expectAppError(actOnDocument(db(), s.leader.actor, s.id, { revision: await revisionOf(s.id), opinion: '请办理。', unitIds: [s.finance.id, s.elsewhere.id] }, ctx), 'document.unit_not_choosable')
    expect(await stepOf(s.id)).toBe('批办')
    await actOnDocument(db(), s.leader.actor, s.id, { revision: await revisionOf(s.id), opinion: '请市财政局抓好落实。', unitIds: [s.finance.id] }, ctx)
    expect(await stepOf(s.id)).toBe('承办')
    // Adding a handling unit (加签) follows the same rule.
    await expectAppError(addParticipant(db(), s.financeHead.actor, s.id, { revision: await revisionOf(s.id), unitId: s.elsewhere.id }, ctx), 'document.unit_not_choosable')
    await addParticipant(db(), s.financeHead.actor, s.id, { revision: await revisionOf(s.id), unitId: s.ndrc.id }, ctx)
  })

  it('传阅 lands under 待阅, not 待办, and reading it clears it', async () => {
    const s = await atInstruction()
    await actOnDocument(db(), s.leader.actor, s.id, { revision: await revisionOf(s.id), opinion: '请市财政局抓好落实。', unitIds: [s.finance.id] }, ctx)
    await actOnDocument(db(), s.financeHead.actor, s.id, { revision: await revisionOf(s.id), opinion: '已落实。', personIds: [s.colleague.id] }, ctx)
    expect(await stepOf(s.id)).toBe('传阅')
    expect(await countOpenInbox(db(), s.colleague.id)).toEqual({ todo: 0, toread: 1 })
    expect((await listInbox(db(), s.colleague.id, { view: 'toread' })).items).toMatchObject([{ title: '关于做好寒潮防范工作的通知', module: 'document', url: `/documents/${s.id}` }])
    await actOnDocument(db(), s.colleague.actor, s.id, { revision: await revisionOf(s.id) }, ctx)
    expect(await countOpenInbox(db(), s.colleague.id)).toEqual({ todo: 0, toread: 0 })
    expect((await listInbox(db(), s.colleague.id, { view: 'done' })).items).toHaveLength(1)
  })
})
