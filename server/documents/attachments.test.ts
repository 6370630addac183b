import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { addAttachment, checkAttachment, cleanFileName, contentDisposition, deleteAttachment, getDocument, MAX_ATTACHMENTS, submitDocument, updateDocument } from './index.ts'
import { buildOrganisation, ctx, draftNotice, files, revisionOf } from './test-organisation.ts'

const checkFails = (name: string, data: Uint8Array, code: string) => {
  try {
    checkAttachment(name, data)
  } catch (error) {
    expect((error as AppError).code, name).toBe(code)
    return
  }
  throw new Error(`${name} was accepted`)
}

describe('attachment files', () => {
  it('are typed by their bytes: PDF, OFD, images, Word, Excel, WPS and zip, and nothing renamed', () => {
    expect(checkAttachment('检查表.pdf', files.pdf())).toEqual({ fileName: '检查表.pdf', contentType: 'application/pdf' })
    expect(checkAttachment('扫描件.PNG', files.png()).contentType).toBe('image/png')
    expect(checkAttachment('现场照片.jpeg', files.jpeg()).contentType).toBe('image/jpeg')
    expect(checkAttachment('来文.ofd', files.zip('OFD.xml')).contentType).toBe('application/ofd')
    expect(checkAttachment('方案.docx', files.zip()).contentType).toMatch(/wordprocessingml/)
    expect(checkAttachment('台账.xls', files.ole()).contentType).toBe('application/vnd.ms-excel')
    expect(checkAttachment('讲话稿.wps', files.ole()).contentType).toBe('application/wps-office.wps')
    expect(checkAttachment('材料.zip', files.zip()).contentType).toBe('application/zip')

    checkFails('说明.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'document.attachment_content')
    checkFails('照片.jpg', files.png(), 'document.attachment_content')
    checkFails('照片.png', files.jpeg(), 'document.attachment_content')
    checkFails('来文.ofd', files.zip('word/document.xml'), 'document.attachment_content')
    checkFails('setup.exe', files.zip(), 'document.attachment_type')
    checkFails('page.html', files.pdf(), 'document.attachment_type')
    checkFails('logo.svg', files.png(), 'document.attachment_type')
    checkFails('无扩展名', files.pdf(), 'document.attachment_type')
    checkFails('空.pdf', new Uint8Array(0), 'document.attachment_empty')
    const big = new Uint8Array(20 * 1024 * 1024 + 1)
    big.set(files.pdf())
    checkFails('大文件.pdf', big, 'document.attachment_too_large')
  })

  it('keep a clean name and download under it (RFC 5987 UTF-8, with an ASCII fallback)', () => {
    expect(cleanFileName('C:\\Users\\wang\\关于"安全"的通知.pdf')).toBe('关于_安全_的通知.pdf')
    expect(cleanFileName('../../etc/passwd\u0000.pdf')).toBe('passwd_.pdf')
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`)).toMatch(/^长{196}\.pdf$/)
    expect(contentDisposition('检查表 (2026).pdf')).toBe(
      `attachment; filename="___ (2026).pdf"; filename*=UTF-8''%E6%A3%80%E6%9F%A5%E8%A1%A8%20%282026%29.pdf`,
    )
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`)
  })
})

describe('attaching to a document', () => {
  it('lets drafters attach while drafting, then only the registry until archiving; each change is audited and on the timeline', async () => {
    const s = await buildOrganisation()
    const { id } = await draftNotice(s)
    await updateDocument(db(), s.clerk.actor, id, { collaboratorIds: [s.colleague.id] }, ctx)
    const plan = await addAttachment(db(), s.clerk.actor, id, { name: '实施方案.docx', data: files.zip() }, ctx)
    const photo = await addAttachment(db(), s.colleague.actor, id, { name: '现场照片.jpg', data: files.jpeg() }, ctx)
    await expectAppError(addAttachment(db(), s.head.actor, id, { name: 'x.pdf', data: files.pdf() }, ctx), 'not_found')
    await deleteAttachment(db(), s.colleague.actor, id, photo.id, ctx)

    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    // After submission the drafter and the reviewer see the files but may not change them.
    await expectAppError(addAttachment(db(), s.clerk.actor, id, { name: 'x.pdf', data: files.pdf() }, ctx), 'document.attachments_locked')
    await expectAppError(deleteAttachment(db(), s.head.actor, id, plan.id, ctx), 'document.attachments_locked')
    expect((await getDocument(db(), s.head.actor, id)).viewer.mayManageAttachments).toBe(false)
    // The registry may, until the document is archived.
    expect((await getDocument(db(), s.registry.actor, id)).viewer.mayManageAttachments).toBe(true)
    const scan = await addAttachment(db(), s.registry.actor, id, { name: '签发稿扫描件.pdf', data: files.pdf() }, ctx)
    // An attachment of this document, named through another, is not found.
    const { id: other } = await draftNotice(s, '另一件通知')
    await expectAppError(deleteAttachment(db(), s.registry.actor, other, scan.id, ctx), 'not_found')
    await db().document.update({ where: { id }, data: { status: 'ARCHIVED' } })
    await expectAppError(deleteAttachment(db(), s.registry.actor, id, scan.id, ctx), 'document.attachments_locked')

    const view = await getDocument(db(), s.registry.actor, id)
    expect(view.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['实施方案.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], ['签发稿扫描件.pdf', 'application/pdf'],
    ])
    expect(view.events.filter((e) => e.action.startsWith('ATTACHMENT_')).map((e) => [e.action, (e.details as { name: string }).name])).toEqual([
      ['ATTACHMENT_ADDED', '实施方案.docx'], ['ATTACHMENT_ADDED', '现场照片.jpg'], ['ATTACHMENT_DELETED', '现场照片.jpg'], ['ATTACHMENT_ADDED', '签发稿扫描件.pdf'],
    ])
    const audited = await db().auditEvent.findMany({ where: { objectId: id, action: { startsWith: 'document.attachment' } }, orderBy: { id: 'asc' }, select: { action: true, actorId: true } })
    expect(audited).toEqual([
      { action: 'document.attachment_add', actorId: s.clerk.id }, { action: 'document.attachment_add', actorId: s.colleague.id },
      { action: 'document.attachment_delete', actorId: s.colleague.id }, { action: 'document.attachment_add', actorId: s.registry.id },
    ])
  })

  it('parses a PDF before taking it: one that only starts like a PDF, or is encrypted, is refused', async () => {
    const s = await buildOrganisation()
    const { id } = await draftNotice(s)
    await expectAppError(addAttachment(db(), s.clerk.actor, id, { name: '扫描件.pdf', data: files.brokenPdf() }, ctx), 'document.attachment_pdf_unreadable')
    const truncated = files.pdf().slice(0, 60)
    await expectAppError(addAttachment(db(), s.clerk.actor, id, { name: '半截.pdf', data: truncated }, ctx), 'document.attachment_pdf_unreadable')
    await expectAppError(addAttachment(db(), s.clerk.actor, id, { name: '加密.pdf', data: files.encryptedPdf() }, ctx), 'document.attachment_pdf_encrypted')
    expect(await db().documentAttachment.count({ where: { documentId: id } })).toBe(0)
    await addAttachment(db(), s.clerk.actor, id, { name: '检查表.pdf', data: files.pdf() }, ctx)
    expect(await db().documentAttachment.count({ where: { documentId: id } })).toBe(1)
  })

  it(`keeps at most ${MAX_ATTACHMENTS} per document, also when many arrive at once`, async () => {
    const s = await buildOrganisation()
    const { id } = await draftNotice(s)
    const results = await Promise.allSettled(Array.from({ length: MAX_ATTACHMENTS + 5 }, (_, i) =>
      addAttachment(db(), s.clerk.actor, id, { name: `附件${i + 1}.png`, data: files.png() }, ctx)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_ATTACHMENTS)
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('document.attachment_limit')
    expect(await db().documentAttachment.count({ where: { documentId: id } })).toBe(MAX_ATTACHMENTS)
  })
})
