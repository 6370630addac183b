import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { buildUnit } from '../test/factories.ts'
import { ctx, personWithActor, revisionOf, stepOf } from './test-organisation.ts'
import { listInbox } from '../inbox/index.ts'
import {
  actOnDocument, archiveDocument, createDocument, createIncomingDocument, distributeDocument, ensureDefaultTemplates, getDistribution, getDocument,
  listDocuments, listToSignFor, numberDocument, recallDistribution, registerIncomingDocument, sealDocument, signForDistribution, submitDocument, voidNumber,
} from './index.ts'
import { unsafeRegisterSeal } from '../seals/index.ts'


/** Two organisations on the platform: a city government (sender) and a district government (recipient). */
async function setup() {
  await ensureDefaultTemplates(db())
  const code = `泰${Math.random().toString(36).slice(2, 6)}`
  const person = personWithActor
  const city = await buildUnit({ name: '泰和市人民政府', organCode: code })
  const office = await buildUnit({ parent: city, name: '市政府办公室' })
  const education = await buildUnit({ parent: city, name: '市教育局' })
  const district = await buildUnit({ name: '东平区人民政府', organCode: `东${code}` })
  const districtOffice = await buildUnit({ parent: district, name: '区政府办公室' })
  const districtEducation = await buildUnit({ parent: district, name: '区教育局' })
  const clerk = await person('王芳', office)
  const head = await person('吴明', office, { leaderRank: 'PRINCIPAL' })
  const leader = await person('陈建国', city, { leaderRank: 'DEPUTY' })
  await db().leaderCharge.create({ data: { personId: leader.id, unitId: office.id } })
  const registry = await person('赵文书', office, { grants: [{ permissions: ['document.register'], unit: city }] })
  const educationRegistry = await person('教育局文书', education, { grants: [{ permissions: ['document.register'], unit: education }] })
  const dRegistry = await person('区文书', districtOffice, { grants: [{ permissions: ['document.register'], unit: district }] })
  const dHead = await person('区办主任', districtOffice, { leaderRank: 'PRINCIPAL' })
  const dLeader = await person('区长', district, { leaderRank: 'PRINCIPAL' })
  await db().leaderCharge.create({ data: { personId: dLeader.id, unitId: districtOffice.id } })
  const dEduHead = await person('区教育局长', districtEducation, { leaderRank: 'PRINCIPAL' })
  const dReader = await person('区办科员', districtOffice)
  return { city, office, education, district, districtOffice, districtEducation, clerk, head, leader, registry, educationRegistry, dRegistry, dHead, dLeader, dEduHead, dReader }
}

/** An outgoing notice taken through to its DISTRIBUTE step. */
async function readyToDistribute(s: Awaited<ReturnType<typeof setup>>) {
  const { id } = await createDocument(db(), s.clerk.actor, { kind: 'NOTICE', title: '关于开展冬季校园安全检查的通知', unitId: s.office.id }, ctx)
  await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
  await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
  await actOnDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), opinion: '同意印发。' }, ctx)
  await actOnDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
  await numberDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
  const seal = await unsafeRegisterSeal(db(), { unitId: s.office.id, name: '泰和市人民政府办公室', holderIds: [s.registry.id], createdById: s.registry.id })
  await sealDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), sealId: seal.id }, ctx)
  expect(await stepOf(id)).toBe('分发')
  return id
}

describe('distribution and exchange', () => {
  it('delivers to a unit inside and to another organisation; sign-for sends a receipt and starts the incoming flow to archive', async () => {
    const s = await setup()
    const id = await readyToDistribute(s)
    await distributeDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), unitIds: [s.education.id, s.districtOffice.id] }, ctx)
    expect(await stepOf(id)).toBe('COMPLETED')
    const sent = await getDocument(db(), s.registry.actor, id)
    expect(sent.distributions.map((d) => [d.recipientName, d.isExchange, d.status])).toEqual([['市教育局', false, 'SENT'], ['区政府办公室', true, 'SENT']])

    // The district's registry sees it waiting, signs for it; the sender sees the receipt.
    const waiting = await listToSignFor(db(), s.dRegistry.actor)
    expect(waiting.map((w) => w.document.title)).toEqual(['关于开展冬季校园安全检查的通知'])
    expect((await listInbox(db(), s.dRegistry.id, { view: 'todo' })).items[0]).toMatchObject({ url: `/documents/receive/${waiting[0]!.id}` })
    await expectAppError(signForDistribution(db(), s.educationRegistry.actor, waiting[0]!.id, ctx), 'not_found')
    const { incomingId } = await signForDistribution(db(), s.dRegistry.actor, waiting[0]!.id, ctx)
    await expectAppError(signForDistribution(db(), s.dRegistry.actor, waiting[0]!.id, ctx), 'document.distribution_closed')
    const afterReceipt = await getDocument(db(), s.registry.actor, id)
    expect(afterReceipt.distributions.find((d) => d.isExchange)).toMatchObject({ status: 'SIGNED_FOR', signedForById: s.dRegistry.id })
    expect(afterReceipt.events.map((e) => e.action)).toContain('RECEIPT')

    // Incoming: register, first check, proposal, instruction naming the handling unit, handling with circulation, completion, archive.
    const incoming = await getDocument(db(), s.dRegistry.actor, incomingId)
    expect(incoming).toMatchObject({ direction: 'INCOMING', senderOrgan: '泰和市人民政府', senderNumber: sent.number, status: 'DRAFT' })
    const { registrationNumber } = await registerIncomingDocument(db(), s.dRegistry.actor, incomingId, { revision: await revisionOf(incomingId), copies: 2, urgency: 'URGENT' }, ctx)
    expect(registrationNumber).toMatch(/^东.*收〔\d{4}〕1号$/)
    expect(await stepOf(incomingId)).toBe('初审')
    await actOnDocument(db(), s.dRegistry.actor, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    await actOnDocument(db(), s.dHead.actor, incomingId, { revision: await revisionOf(incomingId), opinion: '拟请区教育局牵头办理，请区长批示。' }, ctx)
    expect(await stepOf(incomingId)).toBe('批办')
    await actOnDocument(db(), s.dLeader.actor, incomingId, { revision: await revisionOf(incomingId), opinion: '请区教育局抓好落实。', unitIds: [s.districtEducation.id] }, ctx)
    expect(await stepOf(incomingId)).toBe('承办')
    await actOnDocument(db(), s.dEduHead.actor, incomingId, { revision: await revisionOf(incomingId), opinion: '已部署全区学校开展检查。', personIds: [s.dReader.id, s.dHead.id] }, ctx)
    expect(await stepOf(incomingId)).toBe('传阅')
    let view = await getDocument(db(), s.dRegistry.actor, incomingId)
    expect(view.readers.map((r) => [r.name, r.readAt === null])).toEqual(expect.arrayContaining([['区办科员', true], ['区办主任', true]]))
    await actOnDocument(db(), s.dReader.actor, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    view = await getDocument(db(), s.dRegistry.actor, incomingId)
    expect(view.readers.find((r) => r.name === '区办科员')!.readAt).not.toBeNull()
    await actOnDocument(db(), s.dHead.actor, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    expect(await stepOf(incomingId)).toBe('办结')
    await actOnDocument(db(), s.dRegistry.actor, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    await actOnDocument(db(), s.dRegistry.actor, incomingId, { revision: await revisionOf(incomingId), retentionYears: 10 }, ctx)
    expect(await db().document.findUniqueOrThrow({ where: { id: incomingId } })).toMatchObject({ status: 'ARCHIVED', retentionYears: 10 })
    // The handling unit's head found it by search; the sender's staff never see the district's copy.
    expect((await listDocuments(db(), s.dEduHead.actor, { q: '校园安全' })).rows.map((r) => r.id)).toEqual([incomingId])
    await expectAppError(getDocument(db(), s.registry.actor, incomingId), 'not_found')
  })

  it('voids a number or distributes the document, never both, when both are asked at once', async () => {
    const s = await setup()
    for (let round = 0; round < 3; round++) {
      const id = await readyToDistribute(s)
      const number = await db().documentNumber.findFirstOrThrow({ where: { documentId: id } })
      const [distributed, voided] = await Promise.allSettled([
        distributeDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), unitIds: [s.education.id] }, ctx),
        voidNumber(db(), s.registry.actor, number.id, { reason: '编号有误' }, ctx),
      ])
      const doc = await db().document.findUniqueOrThrow({ where: { id }, select: { number: true, distributions: { select: { id: true } } } })
      const row = await db().documentNumber.findUniqueOrThrow({ where: { id: number.id } })
      if (distributed.status === 'fulfilled') {
        // Distributed: the void was refused and the document keeps its number.
        // Refused as in use, or (when distribution had already sealed and frozen it) as frozen.
        expect(voided.status).toBe('rejected')
        expect(['document.number_in_use', 'document.frozen_sealed']).toContain((voided as PromiseRejectedResult).reason.code)
        expect(doc).toMatchObject({ number: expect.stringMatching(/号$/), distributions: [expect.anything()] })
        expect(row).toMatchObject({ state: 'ASSIGNED', documentId: id })
      } else {
        // Voided first: nothing was sent, and distribution asked for a number.
        expect(voided.status).toBe('fulfilled')
        expect(distributed.reason).toMatchObject({ code: 'document.number_first' })
        expect(doc).toEqual({ number: null, distributions: [] })
        expect(row).toMatchObject({ state: 'VOIDED', documentId: null })
      }
    }
  })

  it('can be recalled before sign-for, not after; only registries see a distribution', async () => {
    const s = await setup()
    const id = await readyToDistribute(s)
    await distributeDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), unitIds: [s.education.id, s.districtOffice.id] }, ctx)
    const [toEducation, toDistrict] = (await getDocument(db(), s.registry.actor, id)).distributions
    await expectAppError(getDistribution(db(), s.clerk.actor, toEducation!.id), 'not_found')
    await expectAppError(recallDistribution(db(), s.dRegistry.actor, toEducation!.id, ctx), 'not_found')
    await recallDistribution(db(), s.registry.actor, toEducation!.id, ctx)
    expect(await listToSignFor(db(), s.educationRegistry.actor)).toEqual([])
    await expectAppError(signForDistribution(db(), s.educationRegistry.actor, toEducation!.id, ctx), 'document.distribution_closed')
    await signForDistribution(db(), s.dRegistry.actor, toDistrict!.id, ctx)
    await expectAppError(recallDistribution(db(), s.registry.actor, toDistrict!.id, ctx), 'document.distribution_closed')
  })

  it('registers paper documents by hand and archives completed outgoing ones', async () => {
    const s = await setup()
    await expectAppError(createIncomingDocument(db(), s.clerk.actor, { kind: 'REQUEST', title: 'x', unitId: s.office.id, senderOrgan: '省政府办公厅' }, ctx), 'forbidden')
    const { id } = await createIncomingDocument(db(), s.registry.actor, { kind: 'REQUEST', title: '关于申请专项资金的请示', unitId: s.office.id, senderOrgan: '市教育局', senderNumber: '泰教〔2026〕8号' }, ctx)
    await registerIncomingDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('初审')

    const out = await readyToDistribute(s)
    await distributeDocument(db(), s.registry.actor, out, { revision: await revisionOf(out), unitIds: [s.education.id] }, ctx)
    await expectAppError(archiveDocument(db(), s.clerk.actor, out, { revision: await revisionOf(out) }, ctx), 'document.cannot_archive')
    await archiveDocument(db(), s.registry.actor, out, { revision: await revisionOf(out), retentionYears: 0 }, ctx)
    expect((await getDocument(db(), s.clerk.actor, out)).status).toBe('ARCHIVED')
  })
})
