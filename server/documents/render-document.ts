import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { sm3Hex } from '../core/crypto.ts'
import { logger } from '../core/logger.ts'
import { loadDocument as loadBody, readContent } from '../coediting/index.ts'
import { renderOfficialPdf, type OfficialDocumentModel, type RenderedOfficialPdf } from '../rendering/index.ts'
import { bodyDocName, upwardKinds } from './kinds.ts'
import { loadDocument } from './load-document.ts'

const URGENCY = { NORMAL: null, URGENT: '加急', EXTRA_URGENT: '特急' } as const
const MARKING = { NONE: null, INTERNAL: '内部' } as const

/** 2026年11月23日, in Beijing time (GB/T 9704 7.3.5.1: the full year, no leading zeros). */
export function chineseDate(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** 附件说明 names the attachments without their file extensions (and without closing punctuation). */
const attachmentName = (fileName: string) => fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim()

/**
 * What the PDF shows, from the document and its co-edited body as stored now. The date (成文日期) is
 * the sign-off's (条例 第九条: 签发的日期), or today before sign-off; the printing organ (印发机关) is the
 * organ's general office (办公厅/办公室) when it has one, else the organ itself.
 */
async function modelOf(db: Db | Tx, id: string): Promise<OfficialDocumentModel & { fileName: string; appendedIds: string[] }> {
  const doc = await db.document.findUniqueOrThrow({ where: { id }, include: { organ: { select: { id: true, name: true, fullName: true } } } })
  const [body, attachments, office] = await Promise.all([
    loadBody(db, bodyDocName(id)),
    db.documentAttachment.findMany({ where: { documentId: id }, select: { id: true, fileName: true, contentType: true }, orderBy: { createdAt: 'asc' } }),
    db.unit.findFirst({ where: { parentId: doc.organId, isActive: true, OR: [{ name: { endsWith: '办公厅' } }, { name: { endsWith: '办公室' } }] }, select: { name: true, fullName: true }, orderBy: { sortOrder: 'asc' } }),
  ])
  const pdfIds = attachments.filter((a) => a.contentType === 'application/pdf').map((a) => a.id)
  const pdfs = pdfIds.length ? await db.documentAttachment.findMany({ where: { id: { in: pdfIds } }, select: { id: true, data: true } }) : []
  const pdfData = new Map(pdfs.map((a) => [a.id, a.data]))
  const now = clock.now()
  // The organ signs with the name on its seal (全称 or 规范化简称), not the directory's name.
  const organName = doc.organ.fullName ?? doc.organ.name
  return {
    organName,
    kind: doc.kind,
    title: doc.title,
    number: doc.number,
    signerName: upwardKinds.has(doc.kind) ? doc.signerName : null,
    urgency: URGENCY[doc.urgency],
    marking: MARKING[doc.marking],
    mainRecipients: doc.mainRecipients,
    body: readContent(body),
    attachments: attachments.map((a) => attachmentName(a.fileName)),
    issuerName: organName,
    date: chineseDate(doc.signedOffAt ?? now),
    note: doc.note,
    copyTo: doc.copyTo,
    printingOrgan: office ? (office.fullName ?? office.name) : organName,
    printingDate: chineseDate(now),
    appendPdfs: pdfIds.map((a) => ({ name: attachmentName(attachments.find((x) => x.id === a)!.fileName), data: new Uint8Array(pdfData.get(a)!) })),
    appendedIds: pdfIds,
    fileName: `${doc.number ?? doc.title}.pdf`,
  }
}

/**
 * The document's PDF without an access check, for callers that made one (sealing, sign-off).
 * Where the seal goes comes back with it (`sealAnchor`).
 */
export async function renderDocumentPdf(db: Db | Tx, id: string): Promise<RenderedOfficialPdf & { fileName: string; notEmbeddedIds: string[] }> {
  const { fileName, appendedIds, ...model } = await modelOf(db, id)
  const rendered = await renderOfficialPdf(model)
  const notEmbeddedIds = rendered.notEmbedded.map((i) => appendedIds[i]!)
  // A stored PDF that cannot be appended (uploads are parsed now; older ones were not): the page
  // lists it as not embeddable from now on. Its bytes never change, so the mark is never undone.
  if (notEmbeddedIds.length) {
    await db.documentAttachment.updateMany({ where: { id: { in: notEmbeddedIds }, notEmbeddable: false }, data: { notEmbeddable: true } })
    logger.warn({ documentId: id, attachments: notEmbeddedIds }, 'attachment PDFs could not be appended to the document')
  }
  return { ...rendered, fileName, notEmbeddedIds }
}

/** The document as a GB/T 9704 red-header PDF, for anyone who may see it (others: not found). */
export async function renderDocument(db: Db, actor: Actor, id: string) {
  await loadDocument(db, actor, id)
  return renderDocumentPdf(db, id)
}

/**
 * Keep the PDF as signed off (a SIGNED_OFF rendition). Runs after the sign-off has committed:
 * rendering takes 0.1–1 s (the first in a process reads 50 MB of fonts), longer than the document's
 * lock should be held, and a failure to render must not undo a leader's signature — it is logged,
 * and the PDF can be rendered again at any time.
 */
export async function recordSignedOffRendition(db: Db, actor: Actor, id: string): Promise<void> {
  try {
    const { pdf } = await renderDocumentPdf(db, id)
    await db.documentRendition.create({ data: { documentId: id, kind: 'SIGNED_OFF', pdf: Uint8Array.from(pdf), sm3: sm3Hex(Buffer.from(pdf)), createdById: actor.personId, createdAt: clock.now() } })
  } catch (error) {
    logger.error({ err: error, documentId: id }, 'rendering the signed-off document failed')
  }
}
