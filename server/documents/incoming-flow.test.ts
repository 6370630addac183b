import { unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { actorOf } from '../auth/index.ts'
import { seedDemo } from '../platform/index.ts'
import { listInbox } from '../inbox/index.ts'
import { verifySealedPdf } from '../seals/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { ctx, files, revisionOf, stepOf } from './test-organisation.ts'
import {
  actOnDocument, addAttachment, bodyRight, createDocument, distributeDocument, ensureDefaultTemplates, exportArchive, getDistribution, getDocument,
  listToSignFor, numberDocument, registerIncomingDocument, returnDistribution, sealDocument, sealingOptions, signForDistribution, submitDocument,
} from './index.ts'

/**
 * The incoming flow as the demo city has it (server/platform/demo-data.ts), with nobody's 分管 or
 * posts edited: the city's office sends a notice to 东平区人民政府 — the organisation itself — and the
 * district takes it from 签收 to the archive, each step reaching the person the demo names for it.
 */
beforeAll(async () => {
  expect(await seedDemo(db())).toBe('seeded')
  await ensureDefaultTemplates(db())
}, 120_000)

async function as(account: string) {
  const person = await db().person.findUniqueOrThrow({ where: { account }, select: { id: true } })
  return (await actorOf(db(), person.id))!
}
const unitId = async (name: string) => (await db().unit.findFirstOrThrow({ where: { name }, select: { id: true } })).id
const pendingAssignees = async (id: string) => {
  const doc = await db().document.findUniqueOrThrow({ where: { id }, select: { stepIndex: true, tasks: { where: { status: 'PENDING' }, select: { assigneeId: true, stepIndex: true } } } })
  const people = await db().person.findMany({ where: { id: { in: doc.tasks.filter((t) => t.stepIndex === doc.stepIndex).map((t) => t.assigneeId) } }, select: { name: true } })
  return people.map((p) => p.name).sort()
}

/** The city office's notice, drafted, reviewed, signed off, numbered, sealed and distributed to `recipients`. */
async function sentNotice(title: string, recipients: string[]) {
  const [drafter, head, leader, clerk] = await Promise.all(['drafter', 'head', 'leader', 'clerk'].map(as))
  const { id } = await createDocument(db(), drafter!, { kind: 'NOTICE', title, unitId: await unitId('秘书科'), mainRecipients: '东平区人民政府' }, ctx)
  await submitDocument(db(), drafter!, id, { revision: await revisionOf(id) }, ctx)
  await actOnDocument(db(), head!, id, { revision: await revisionOf(id), opinion: '拟同意，请领导审签。' }, ctx)
  await actOnDocument(db(), leader!, id, { revision: await revisionOf(id), opinion: '同意印发。' }, ctx)
  await actOnDocument(db(), clerk!, id, { revision: await revisionOf(id) }, ctx)
  await numberDocument(db(), clerk!, id, { revision: await revisionOf(id) }, ctx)
  const { seals } = await sealingOptions(db(), clerk!, id)
  await sealDocument(db(), clerk!, id, { revision: await revisionOf(id), sealId: seals[0]!.id }, ctx)
  await distributeDocument(db(), clerk!, id, { revision: await revisionOf(id), unitIds: await Promise.all(recipients.map(unitId)) }, ctx)
  const distribution = await db().documentDistribution.findFirstOrThrow({ where: { documentId: id, recipientUnitId: await unitId(recipients[0]!) } })
  return { id, distributionId: distribution.id, clerk: clerk! }
}

// Whole journeys (a notice rendered and sealed, then handled): minutes on a loaded machine, not seconds.
describe('the incoming flow from the demo data', { timeout: 180_000 }, () => {
  it('runs 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 → 办结 → 归档 with the people the demo names, keeping the sealed PDF as received', async () => {
    const { id: sentId, distributionId } = await sentNotice('关于开展冬季消防安全检查的通知', ['东平区人民政府'])
    const [dpclerk, dphead, dpleader, dpemhead] = await Promise.all(['dpclerk', 'dphead', 'dpleader', 'dpemhead'].map(as))

    // 待签收 shows the sealed PDF before signing for it.
    expect((await listToSignFor(db(), dpclerk!)).map((d) => d.id)).toContain(distributionId)
    const before = await getDistribution(db(), dpclerk!, distributionId)
    expect(before.sealed).not.toBeNull()
    const { incomingId } = await signForDistribution(db(), dpclerk!, distributionId, ctx)
    const sealed = await db().documentRendition.findFirstOrThrow({ where: { documentId: sentId, kind: 'SEALED' } })
    const received = await db().documentRendition.findFirstOrThrow({ where: { documentId: incomingId, kind: 'RECEIVED' } })
    expect(Buffer.from(received.pdf).equals(Buffer.from(sealed.pdf))).toBe(true)
    expect(await verifySealedPdf(db(), received.pdf)).toMatchObject({ valid: true, seal: { name: '泰和市人民政府办公室' } })

    await registerIncomingDocument(db(), dpclerk!, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    expect(await stepOf(incomingId)).toBe('初审')
    // The registry sees where 初审 sends it, and to whom, before acting: the office head, not the 区长.
    expect((await getDocument(db(), dpclerk!, incomingId)).viewer.nextStep).toMatchObject({ action: 'act', next: { name: '拟办', assignees: [expect.stringContaining('马强')] }, problem: null })
    await actOnDocument(db(), dpclerk!, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    expect([await stepOf(incomingId), await pendingAssignees(incomingId)]).toEqual(['拟办', ['马强']])
    expect((await getDocument(db(), dphead!, incomingId)).viewer.nextStep).toMatchObject({ next: { name: '批办', assignees: [expect.stringContaining('郭立新')] }, problem: null })
    await actOnDocument(db(), dphead!, incomingId, { revision: await revisionOf(incomingId), opinion: '拟请区应急管理局牵头落实，请区长批示。' }, ctx)
    expect([await stepOf(incomingId), await pendingAssignees(incomingId)]).toEqual(['批办', ['郭立新']])
    expect((await getDocument(db(), dpleader!, incomingId)).viewer.nextStep).toMatchObject({ next: { name: '承办', assignees: [] }, problem: { code: 'document.choose_participants' } })
    await actOnDocument(db(), dpleader!, incomingId, { revision: await revisionOf(incomingId), opinion: '请区应急局抓好落实。', unitIds: [await unitId('区应急管理局')] }, ctx)
    expect([await stepOf(incomingId), await pendingAssignees(incomingId)]).toEqual(['承办', ['邓卫东']])
    await actOnDocument(db(), dpemhead!, incomingId, { revision: await revisionOf(incomingId), opinion: '已部署全区开展检查。' }, ctx)
    // 传阅 (optional, nobody chosen) is skipped: 办结 by the registry.
    expect([await stepOf(incomingId), await pendingAssignees(incomingId)]).toEqual(['办结', ['林晓']])
    await actOnDocument(db(), dpclerk!, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    expect(await stepOf(incomingId)).toBe('归档')
    await actOnDocument(db(), dpclerk!, incomingId, { revision: await revisionOf(incomingId), retentionYears: 10 }, ctx)
    expect(await stepOf(incomingId)).toBe('ARCHIVED')

    // The archive package holds the received sealed PDF, and the seal use that verifies it.
    const zip = unzipSync((await exportArchive(db(), dpclerk!, incomingId, ctx)).zip)
    expect(Object.keys(zip)).toContain('来文（盖章）.pdf')
    expect(await verifySealedPdf(db(), zip['来文（盖章）.pdf']!)).toMatchObject({ valid: true })
    const metadata = JSON.parse(new TextDecoder().decode(zip['metadata.json']))
    expect(metadata.rendition).toMatchObject({ kind: 'RECEIVED', sm3: sealed.sm3 })
    expect(metadata.sealUses).toEqual([expect.objectContaining({ seal: expect.objectContaining({ name: '泰和市人民政府办公室' }), algorithm: 'SM2-with-SM3' })])
  })

  it('keeps a received document’s body and files as they came: the server refuses edits and uploads', async () => {
    const { distributionId } = await sentNotice('关于做好冬季供暖保障工作的通知', ['区政府办公室'])
    const dpclerk = await as('dpclerk')
    const { incomingId } = await signForDistribution(db(), dpclerk, distributionId, ctx)
    // The signer is the incoming draft's "creator", which used to make the body theirs to edit.
    expect(await bodyRight(db(), dpclerk, incomingId)).toBe('read')
    await expectAppError(addAttachment(db(), dpclerk, incomingId, { name: '补充.pdf', data: files.pdf() }, ctx), 'document.attachments_locked')
    await registerIncomingDocument(db(), dpclerk, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    expect(await bodyRight(db(), dpclerk, incomingId)).toBe('read')
    const view = await getDocument(db(), dpclerk, incomingId)
    expect(view).toMatchObject({ isReceived: true, viewer: { mayEditBody: false, mayManageAttachments: false } })
  })

  it('tells whoever acts before a step that nobody can take it, and refuses without changing anything', async () => {
    const { distributionId } = await sentNotice('关于开展安全生产大检查的通知', ['东平区人民政府'])
    const dpclerk = await as('dpclerk')
    const { incomingId } = await signForDistribution(db(), dpclerk, distributionId, ctx)
    await registerIncomingDocument(db(), dpclerk, incomingId, { revision: await revisionOf(incomingId) }, ctx)
    const office = await unitId('区政府办公室')
    await db().post.updateMany({ where: { unitId: office, leaderRank: 'PRINCIPAL' }, data: { leaderRank: 'NONE' } })
    try {
      expect((await getDocument(db(), dpclerk, incomingId)).viewer.nextStep).toMatchObject({ problem: { code: 'document.no_participant', params: { step: '拟办' } } })
      const revision = await revisionOf(incomingId)
      await expectAppError(actOnDocument(db(), dpclerk, incomingId, { revision }, ctx), 'document.no_participant')
      expect([await stepOf(incomingId), await revisionOf(incomingId), await pendingAssignees(incomingId)]).toEqual(['初审', revision, ['林晓']])
    } finally {
      await db().post.updateMany({ where: { unitId: office, person: { account: 'dphead' } }, data: { leaderRank: 'PRINCIPAL' } })
    }
  })

  it('lets the recipient’s registry return a distribution with a reason, and tells the sender why', async () => {
    const { id: sentId, distributionId, clerk } = await sentNotice('关于报送2026年度统计数据的通知', ['区政府办公室'])
    const [dpclerk, dphead] = await Promise.all(['dpclerk', 'dphead'].map(as))
    await expect(returnDistribution(db(), dpclerk!, distributionId, { reason: ' ' }, ctx)).rejects.toThrow()
    // Only the recipient's registry returns it: the sender's registry recalls, others do not see it.
    await expectAppError(returnDistribution(db(), clerk, distributionId, { reason: '送错单位' }, ctx), 'not_found')
    await expectAppError(returnDistribution(db(), dphead!, distributionId, { reason: '送错单位' }, ctx), 'not_found')
    await returnDistribution(db(), dpclerk!, distributionId, { reason: '送错单位，应送区教育局' }, ctx)

    expect(await listToSignFor(db(), dpclerk!)).not.toContainEqual(expect.objectContaining({ id: distributionId }))
    await expectAppError(signForDistribution(db(), dpclerk!, distributionId, ctx), 'document.distribution_closed')
    await expectAppError(returnDistribution(db(), dpclerk!, distributionId, { reason: '再退一次' }, ctx), 'document.distribution_closed')
    const sent = await getDocument(db(), clerk, sentId)
    expect(sent.distributions).toEqual([expect.objectContaining({ status: 'RETURNED', returnReason: '送错单位，应送区教育局', recipientName: '区政府办公室' })])
    expect(sent.events.at(-1)).toMatchObject({ action: 'RETURNED', actorName: '林晓', details: { unit: '区政府办公室', reason: '送错单位，应送区教育局' } })
    const inbox = await listInbox(db(), clerk.personId, { view: 'toread' })
    expect(JSON.stringify(inbox)).toContain('送错单位，应送区教育局')
    expect(await db().auditEvent.count({ where: { action: 'document.return_distribution', objectId: distributionId } })).toBe(1)
  })
})
