import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { buildUnit } from '../test/factories.ts'
import { ctx, personWithActor, revisionOf, stepOf } from './test-organisation.ts'
import { unsafeRegisterSeal, verifySealedPdf } from '../seals/index.ts'
import {
  actOnDocument, archiveDocument, createDocument, distributeDocument, ensureDefaultTemplates, exportArchive, latestRendition, numberDocument,
  saveTemplate, sealDocument, sealingOptions, submitDocument,
} from './index.ts'


/** An organisation with a drafter, the division head, a leader, two registry clerks (one holds the seal) and the office's seal. */
async function setup() {
  await ensureDefaultTemplates(db())
  const code = `泰${Math.random().toString(36).slice(2, 6)}`
  const organ = await buildUnit({ name: '泰和市人民政府', organCode: code })
  const office = await buildUnit({ parent: organ, name: '泰和市人民政府办公室' })
  const division = await buildUnit({ parent: office, name: '秘书科', kind: 'DIVISION' })
  const person = personWithActor
  const clerk = await person('王芳', division)
  const head = await person('吴明', division, { leaderRank: 'PRINCIPAL' })
  const leader = await person('陈建国', organ, { leaderRank: 'DEPUTY' })
  await db().leaderCharge.create({ data: { personId: leader.id, unitId: office.id } })
  const registry = await person('赵文书', office, { grants: [{ permissions: ['document.register'], unit: organ }] })
  const registry2 = await person('钱文书', office, { grants: [{ permissions: ['document.register'], unit: organ }] })
  const admin = await person('管理员', organ, { grants: [{ permissions: ['workflow.manage', 'seal.manage'], unit: organ }] })
  const seal = await unsafeRegisterSeal(db(), { unitId: office.id, name: '泰和市人民政府办公室公文专用章', holderIds: [registry.id], createdById: admin.id })
  return { code, organ, office, division, clerk, head, leader, registry, registry2, admin, seal }
}

type Setup = Awaited<ReturnType<typeof setup>>
const draft = (unitId: string) => ({ kind: 'NOTICE' as const, title: '关于做好2026年冬季安全生产工作的通知', mainRecipients: '各县（区）人民政府，市政府各部门', unitId })

/** Draft → review → sign-off → re-check → number: the document waits at 用印. */
async function toSealStep(s: Setup) {
  const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
  await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
  await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '拟同意，请领导审签。' }, ctx)
  await actOnDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), opinion: '同意印发。' }, ctx)
  await actOnDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
  await numberDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
  expect(await stepOf(id)).toBe('用印')
  return id
}

const pdftotext = (pdf: Uint8Array) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sealed-'))
  writeFileSync(path.join(dir, 'a.pdf'), pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}
const hasPdftotext = (() => { try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true } catch { return false } })()

describe('sealing a document (用印)', () => {
  it('stamps and signs the rendered PDF, keeps it, records and audits the use, and completes the SEAL step', async () => {
    const s = await setup()
    const id = await toSealStep(s)
    // The generic "pass on" does not complete the SEAL step.
    await expectAppError(actOnDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx), 'document.seal_first')
    expect((await sealingOptions(db(), s.registry.actor, id)).seals).toEqual([{ id: s.seal.id, name: s.seal.name, unitName: '泰和市人民政府办公室' }])
    expect((await sealingOptions(db(), s.registry2.actor, id)).seals).toEqual([])

    const result = await sealDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), sealId: s.seal.id }, ctx)
    expect(result.next).toBe('分发')
    expect(await stepOf(id)).toBe('分发')

    const rendition = await latestRendition(db(), s.clerk.actor, id)
    expect(rendition).toMatchObject({ kind: 'SEALED', sealId: s.seal.id, createdById: s.registry.id })
    const verdict = await verifySealedPdf(db(), rendition!.pdf)
    expect(verdict).toMatchObject({ valid: true, seal: { name: '泰和市人民政府办公室公文专用章', unit: '泰和市人民政府办公室' }, signer: '赵文书', documentHash: result.documentHash })
    // The verdict names the document the seal was used on.
    expect(verdict.document).toEqual({ title: '关于做好2026年冬季安全生产工作的通知', number: expect.stringMatching(/号$/) })
    if (hasPdftotext) expect(pdftotext(rendition!.pdf)).toContain('关于做好2026年冬季安全生产工作的通知')

    const uses = await db().sealUse.findMany({ where: { documentId: id } })
    expect(uses).toHaveLength(1)
    expect(uses[0]).toMatchObject({ sealId: s.seal.id, personId: s.registry.id, documentHash: result.documentHash })
    expect(await db().auditEvent.count({ where: { action: 'seal.use', objectId: s.seal.id, details: { path: ['documentId'], equals: id } } })).toBe(1)
    expect(await db().auditEvent.count({ where: { action: 'document.seal', objectId: id } })).toBe(1)
    const events = await db().documentEvent.findMany({ where: { documentId: id, action: 'SEALED' } })
    expect(events).toHaveLength(1)

    // Done once: the step has moved on.
    await expectAppError(sealDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), sealId: s.seal.id }, ctx), 'document.not_your_turn')
  })

  it('refuses a non-holder, a seal without a key, a stale page, and someone not at the step', async () => {
    const s = await setup()
    const id = await toSealStep(s)
    const revision = await revisionOf(id)
    // 钱文书 holds the task too (an "any" step of the registry) but not the seal.
    const refused = await expectAppError(sealDocument(db(), s.registry2.actor, id, { revision, sealId: s.seal.id }, ctx), 'seal.not_holder')
    expect(refused.params.seal).toBe('泰和市人民政府办公室公文专用章')
    const keyless = await db().seal.create({ data: { unitId: s.office.id, name: '泰和市人民政府办公室', createdById: s.admin.id, holders: { create: { personId: s.registry.id, grantedById: s.admin.id } } } })
    await expectAppError(sealDocument(db(), s.registry.actor, id, { revision, sealId: keyless.id }, ctx), 'seal.no_key')
    await expectAppError(sealDocument(db(), s.registry.actor, id, { revision: revision - 1, sealId: s.seal.id }, ctx), 'document.stale')
    await expectAppError(sealDocument(db(), s.head.actor, id, { revision, sealId: s.seal.id }, ctx), 'document.not_your_turn')
    // Nothing was sealed, used or kept.
    expect(await db().sealUse.count({ where: { documentId: id } })).toBe(0)
    expect(await db().documentRendition.count({ where: { documentId: id, kind: 'SEALED' } })).toBe(0)
    expect(await stepOf(id)).toBe('用印')
  })

  it('lets exactly one of two holders sealing at once succeed; the other is told the page is stale', async () => {
    const s = await setup()
    await db().sealHolder.create({ data: { sealId: s.seal.id, personId: s.registry2.id, grantedById: s.admin.id } })
    const id = await toSealStep(s)
    const revision = await revisionOf(id)
    const results = await Promise.allSettled([s.registry, s.registry2].map((p) => sealDocument(db(), p.actor, id, { revision, sealId: s.seal.id }, ctx)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('document.stale')
    expect(await db().sealUse.count({ where: { documentId: id } })).toBe(1)
    expect(await db().documentRendition.count({ where: { documentId: id, kind: 'SEALED' } })).toBe(1)
  })

  it('refuses to seal a document not yet signed off', async () => {
    const s = await setup()
    await saveTemplate(db(), s.admin.actor, null, {
      name: '无签发的简易流程', direction: 'OUTGOING', unitId: s.office.id,
      steps: [{ type: 'REVIEW', name: '核稿', assignee: { kind: 'DRAFTER_DIVISION_HEAD' } }, { type: 'SEAL', name: '用印', assignee: { kind: 'REGISTRY' }, completion: 'ANY' }],
    }, ctx)
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await stepOf(id)).toBe('用印')
    await expectAppError(sealDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), sealId: s.seal.id }, ctx), 'seal.not_signed_off')
    expect(await db().sealUse.count({ where: { documentId: id } })).toBe(0)
  })
})

describe('archive export (归档包)', () => {
  it('packs the sealed PDF, the processing sheet, the attachments and metadata.json for the registry, audited', async () => {
    const s = await setup()
    const id = await toSealStep(s)
    await db().documentAttachment.create({ data: { documentId: id, fileName: '安全检查表.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 5, data: new Uint8Array([1, 2, 3, 4, 5]), uploadedById: s.clerk.id } })
    const { documentHash } = await sealDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), sealId: s.seal.id }, ctx)
    await expectAppError(exportArchive(db(), s.registry.actor, id, ctx), 'document.not_archived')
    await distributeDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), unitIds: [s.division.id] }, ctx)
    await archiveDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), retentionYears: 30 }, ctx)

    await expectAppError(exportArchive(db(), s.clerk.actor, id, ctx), 'forbidden')
    const { zip, fileName } = await exportArchive(db(), s.registry.actor, id, ctx)
    expect(fileName).toMatch(/^泰.*〔\d{4}〕1号-归档包\.zip$/)
    const files = unzipSync(zip)
    expect(Object.keys(files).sort()).toEqual(['metadata.json', '处理单.pdf', '正文（盖章）.pdf', '附件/01-安全检查表.xlsx'].sort())
    expect(await verifySealedPdf(db(), files['正文（盖章）.pdf']!)).toMatchObject({ valid: true, documentHash })
    expect([...files['附件/01-安全检查表.xlsx']!]).toEqual([1, 2, 3, 4, 5])
    const metadata = JSON.parse(new TextDecoder().decode(files['metadata.json']))
    expect(metadata.document).toMatchObject({ id, title: draft('').title, kindName: '通知', retentionYears: 30 })
    expect(metadata.sealUses).toEqual([expect.objectContaining({ seal: expect.objectContaining({ id: s.seal.id }), person: { id: s.registry.id, name: '赵文书' }, documentHash, algorithm: 'SM2-with-SM3' })])
    expect(metadata.files.map((f: { path: string }) => f.path).sort()).toEqual(['处理单.pdf', '正文（盖章）.pdf', '附件/01-安全检查表.xlsx'].sort())
    if (hasPdftotext) {
      const sheet = pdftotext(files['处理单.pdf']!)
      for (const text of ['泰和市人民政府发文稿纸', '拟同意，请领导审签。', '同意印发。', '吴明', '陈建国', '用印', '归档']) expect(sheet).toContain(text)
    }
    expect(await db().auditEvent.count({ where: { action: 'document.archive_export', objectId: id, actorId: s.registry.id } })).toBe(1)
  })
})
