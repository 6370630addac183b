import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { unsafeRegisterSeal } from '../seals/index.ts'
import {
  actOnDocument, addAttachment, bodyRight, deleteAttachment, documentVersions, getDocument, numberDocument, previewNextStep, restoreDocumentVersion,
  sealDocument, sendBackDocument, submitDocument, updateDocument, voidNumber, withdrawDocument,
} from './index.ts'
import { buildOrganisation, ctx, draftNotice, files, revisionOf, stepOf, type Organisation } from './test-organisation.ts'

const rev = revisionOf
/** Let the registry's re-check step edit the body, as a template may: only the freeze stops it then. */
async function recheckEditsBody(id: string) {
  const doc = await db().document.findUniqueOrThrow({ where: { id }, select: { workflow: true } })
  const steps = (doc.workflow as { type: string; editsBody?: boolean }[]).map((s) => (s.type === 'RECHECK' ? { ...s, editsBody: true } : s))
  await db().document.update({ where: { id }, data: { workflow: steps } })
}

async function toSignOff(s: Organisation) {
  const { id } = await draftNotice(s)
  await submitDocument(db(), s.clerk.actor, id, { revision: await rev(id) }, ctx)
  await recheckEditsBody(id)
  await actOnDocument(db(), s.head.actor, id, { revision: await rev(id), opinion: '拟同意，请领导审签。' }, ctx)
  expect(await stepOf(id)).toBe('签发')
  return id
}

describe('freezing a document at 签发 and 用印', () => {
  it('lets the registry change attachments and editors the body before 签发, and refuses both after it', async () => {
    const s = await buildOrganisation()
    const id = await toSignOff(s)
    // Before: the registry adds and removes files; the leader at 签发 may edit the body.
    const kept = await addAttachment(db(), s.registry.actor, id, { name: '检查表.pdf', data: files.pdf() }, ctx)
    const extra = await addAttachment(db(), s.registry.actor, id, { name: '名单.docx', data: files.zip() }, ctx)
    await deleteAttachment(db(), s.registry.actor, id, extra.id, ctx)
    expect(await bodyRight(db(), s.leader.actor, id)).toBe('edit')

    await actOnDocument(db(), s.leader.actor, id, { revision: await rev(id), opinion: '同意印发。' }, ctx)
    expect(await stepOf(id)).toBe('复核')
    // 复核 edits the body by its template, yet the signed text is final: the ticket is read-only.
    expect(await bodyRight(db(), s.registry.actor, id)).toBe('read')
    await expectAppError(addAttachment(db(), s.registry.actor, id, { name: '补充.pdf', data: files.pdf() }, ctx), 'document.frozen_attachments')
    await expectAppError(deleteAttachment(db(), s.registry.actor, id, kept.id, ctx), 'document.frozen_attachments')
    const [version] = await documentVersions(db(), s.registry.actor, id)
    await expectAppError(restoreDocumentVersion(db(), s.registry.actor, id, version!.id, ctx), 'document.frozen_body')
    const view = await getDocument(db(), s.registry.actor, id)
    expect(view.viewer.mayManageAttachments).toBe(false)
    expect(view.viewer.mayEditBody).toBe(false)
  })

  it('voids the sign-off when the document goes back to 签发 or before, so it is signed again', async () => {
    const s = await buildOrganisation()
    const id = await toSignOff(s)
    await actOnDocument(db(), s.leader.actor, id, { revision: await rev(id), opinion: '同意印发。' }, ctx)
    await sendBackDocument(db(), s.registry.actor, id, { revision: await rev(id), toStep: 0, reason: '附件不全' }, ctx)
    expect(await stepOf(id)).toBe('核稿')
    expect((await db().document.findUniqueOrThrow({ where: { id } })).signedOffAt).toBeNull()
    expect(await bodyRight(db(), s.head.actor, id)).toBe('edit')
    await addAttachment(db(), s.registry.actor, id, { name: '补充.pdf', data: files.pdf() }, ctx)
  })

  it('after 用印 keeps number, route, body and attachments as sealed, with a message that says what to do instead', async () => {
    const s = await buildOrganisation()
    const seal = await unsafeRegisterSeal(db(), { unitId: s.dept.id, name: '泰和市人民政府办公室公文专用章', holderIds: [s.registry.id], createdById: s.registry.id })
    const id = await toSignOff(s)
    await actOnDocument(db(), s.leader.actor, id, { revision: await rev(id), opinion: '同意印发。' }, ctx)
    await actOnDocument(db(), s.registry.actor, id, { revision: await rev(id) }, ctx)
    await numberDocument(db(), s.registry.actor, id, { revision: await rev(id) }, ctx)
    await sealDocument(db(), s.registry.actor, id, { revision: await rev(id), sealId: seal.id }, ctx)
    expect(await stepOf(id)).toBe('分发')
    await expectAppError(addAttachment(db(), s.registry.actor, id, { name: '补充.pdf', data: files.pdf() }, ctx), 'document.frozen_sealed')
    await expectAppError(sendBackDocument(db(), s.registry.actor, id, { revision: await rev(id), toStep: -1, reason: '改标题' }, ctx), 'document.frozen_sealed')
    await expectAppError(withdrawDocument(db(), s.registry.actor, id, { revision: await rev(id) }, ctx), 'document.frozen_sealed')
    const number = await db().documentNumber.findFirstOrThrow({ where: { documentId: id } })
    await expectAppError(voidNumber(db(), s.registry.actor, number.id, { reason: '重编' }, ctx), 'document.frozen_sealed')
    await expectAppError(updateDocument(db(), s.clerk.actor, id, { title: '更正后的标题' }, ctx), 'document.frozen_sealed')
    expect((await previewNextStep(db(), s.registry.actor, id)).freeze).toBe('sealed')
  })
})

describe('previewing the next step', () => {
  it('names the next step and its people for 提交 and 核稿, and lists where 核稿 can send it back', async () => {
    const s = await buildOrganisation()
    const { id } = await draftNotice(s)
    const atDraft = await previewNextStep(db(), s.clerk.actor, id)
    expect(atDraft).toMatchObject({ action: 'submit', next: { name: '核稿', assignees: ['吴明'] }, problem: null })
    await submitDocument(db(), s.clerk.actor, id, { revision: await rev(id) }, ctx)

    const atReview = await previewNextStep(db(), s.head.actor, id)
    // Nobody chosen for 会签: it is skipped and the leader in charge signs.
    expect(atReview).toMatchObject({ action: 'act', next: { name: '签发', assignees: ['陈建国'], skipped: ['会签'] } })
    expect(atReview.returnTargets).toEqual([{ toStep: -1, name: '拟稿', people: ['王芳'] }])
    const chosen = await previewNextStep(db(), s.head.actor, id, { unitIds: [s.finance.id, s.ndrc.id] })
    expect(chosen.next).toMatchObject({ name: '会签', assignees: ['市财政局 钱局长', '市发改委 孙主任'] })
    // Someone not on the step has nothing to confirm.
    expect((await previewNextStep(db(), s.clerk.actor, id)).action).toBeNull()
  })

  it('shows the number 编号 will issue and the recipients 分发 should preselect', async () => {
    const s = await buildOrganisation()
    const { id } = await draftNotice(s)
    await updateDocument(db(), s.clerk.actor, id, { mainRecipients: '市财政局、市发改委', copyTo: '秘书科' }, ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await rev(id) }, ctx)
    await actOnDocument(db(), s.head.actor, id, { revision: await rev(id), opinion: '拟同意。' }, ctx)
    await actOnDocument(db(), s.leader.actor, id, { revision: await rev(id), opinion: '同意。' }, ctx)
    await actOnDocument(db(), s.registry.actor, id, { revision: await rev(id) }, ctx)
    const atNumber = await previewNextStep(db(), s.registry.actor, id)
    expect(atNumber).toMatchObject({ action: 'number', next: { name: '用印' } })
    const { number } = await numberDocument(db(), s.registry.actor, id, { revision: await rev(id) }, ctx)
    expect(atNumber.number).toBe(number)
    // Straight to 分发 for this test: the seal's own tests cover 用印.
    const doc = await db().document.findUniqueOrThrow({ where: { id }, select: { stepIndex: true } })
    await db().documentTask.updateMany({ where: { documentId: id, stepIndex: doc.stepIndex!, status: 'PENDING' }, data: { stepIndex: doc.stepIndex! + 1 } })
    await db().document.update({ where: { id }, data: { stepIndex: doc.stepIndex! + 1 } })
    const atDistribute = await previewNextStep(db(), s.registry.actor, id)
    expect(atDistribute.action).toBe('distribute')
    expect(atDistribute.completes).toBe(true)
    expect(atDistribute.recipients!.main.sort()).toEqual([s.finance.id, s.ndrc.id].sort())
    expect(atDistribute.recipients!.copy).toContain(s.division.id)
  })
})
