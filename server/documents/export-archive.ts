import { zipSync, type Zippable } from 'fflate'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { sm3Hex } from '../core/crypto.ts'
import type { RequestContext } from '../core/request-context.ts'
import { SM2_USER_ID } from '../seals/index.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { beijingTime, renderProcessingSheet } from './processing-sheet-pdf.ts'

/** Chinese names for the archive: the package is a Chinese record, whoever exports it. */
const KINDS: Record<string, string> = {
  RESOLUTION: '决议', DECISION: '决定', ORDER: '命令（令）', COMMUNIQUE: '公报', ANNOUNCEMENT: '公告', PUBLIC_NOTICE: '通告', OPINION: '意见', NOTICE: '通知',
  CIRCULAR: '通报', REPORT: '报告', REQUEST: '请示', REPLY: '批复', MOTION: '议案', LETTER: '函', MINUTES: '纪要',
}
const URGENCIES: Record<string, string> = { NORMAL: '普通', URGENT: '加急', EXTRA_URGENT: '特急' }
const EVENTS: Record<string, string> = {
  CREATED: '创建', SUBMITTED: '提交', APPROVED: '办理', ADVANCED: '进入下一环节', SENT_BACK: '退回', WITHDRAWN: '撤回', TRANSFERRED: '转办', PARTICIPANT_ADDED: '加签',
  DISTRIBUTED: '分发', SIGNED_FOR: '签收', RETURNED: '对方退回', RECEIPT: '对方已签收', RECALLED: '撤回分发', REGISTERED: '登记', ARCHIVED: '归档', URGED: '催办', SEALED: '用印',
  ATTACHMENT_ADDED: '上传附件', ATTACHMENT_DELETED: '删除附件',
}

/** A file name safe in any archive tool: no path separators or control characters, not too long. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 120) || '未命名'

function eventExtra(details: unknown): string {
  const d = (details ?? {}) as Record<string, unknown>
  return [d.reason, d.to, d.name, d.unit, Array.isArray(d.units) ? d.units.join('、') : null, d.registrationNumber].filter(Boolean).join(' · ')
}

/**
 * 归档包: for an archived document, its organisation's registry exports one zip: the sealed PDF (the
 * latest SEALED rendition, else the one kept at sign-off), the processing sheet as PDF, every
 * attachment, and metadata.json (particulars, the seal uses with their signatures, and the SM3 of
 * every file in the package). The export is audited.
 */
export async function exportArchive(db: Db, actor: Actor, id: string, context: RequestContext) {
  const { doc } = await loadDocument(db, actor, id)
  if (!documentPolicy.isRegistry(actor, doc.organ)) throw new AppError('forbidden')
  if (doc.status !== 'ARCHIVED') throw new AppError('document.not_archived')
  // An incoming document that came by exchange keeps the sender's sealed PDF (RECEIVED); its seal
  // uses are the sender's, recorded on the sent document.
  const sentId = doc.arrivedByDistributionId
    ? (await db.documentDistribution.findUnique({ where: { id: doc.arrivedByDistributionId }, select: { documentId: true } }))?.documentId ?? null
    : null
  const [sealed, signedOff, opinions, events, attachments, uses] = await Promise.all([
    db.documentRendition.findFirst({ where: { documentId: id, kind: { in: ['SEALED', 'RECEIVED'] } }, orderBy: { createdAt: 'desc' } }),
    db.documentRendition.findFirst({ where: { documentId: id, kind: 'SIGNED_OFF' }, orderBy: { createdAt: 'desc' } }),
    db.documentOpinion.findMany({ where: { documentId: id }, orderBy: { createdAt: 'asc' } }),
    db.documentEvent.findMany({ where: { documentId: id }, orderBy: { id: 'asc' } }),
    db.documentAttachment.findMany({ where: { documentId: id }, orderBy: { createdAt: 'asc' } }),
    db.sealUse.findMany({ where: { documentId: sentId ?? id }, orderBy: { at: 'asc' }, include: { seal: { select: { id: true, name: true, unitId: true, publicKey: true } } } }),
  ])
  const rendition = sealed ?? signedOff
  const people = await db.person.findMany({ where: { id: { in: uses.map((u) => u.personId) } }, select: { id: true, name: true } })
  const personName = new Map(people.map((p) => [p.id, p.name]))
  const exportedAt = clock.now()
  const outgoing = doc.direction === 'OUTGOING'
  const files: Zippable = {}
  const listed: { path: string; size: number; sm3: string; kind: string }[] = []
  const add = (path: string, bytes: Uint8Array, kind: string) => {
    let unique = path
    for (let n = 2; files[unique]; n++) unique = path.replace(/(\.[^./]*)?$/, `(${n})$1`)
    files[unique] = [bytes, { mtime: exportedAt }]
    listed.push({ path: unique, size: bytes.length, sm3: sm3Hex(Buffer.from(bytes)), kind })
  }

  if (rendition) add(rendition.kind === 'RECEIVED' ? '来文（盖章）.pdf' : sealed ? '正文（盖章）.pdf' : '正文（签发稿）.pdf', rendition.pdf, rendition.kind)
  const fields: [string, string][] = [
    ['标题', doc.title], ['文种', KINDS[doc.kind] ?? doc.kind], ['紧急程度', URGENCIES[doc.urgency] ?? doc.urgency],
    ...(outgoing
      ? [['发文字号', doc.number ?? ''], ['发文机关', doc.organ.name], ['拟稿单位', doc.unit.name], ['拟稿人', doc.createdBy.name], ['主送机关', doc.mainRecipients], ['抄送机关', doc.copyTo]] as [string, string][]
      : [['来文机关', doc.senderOrgan ?? ''], ['来文字号', doc.senderNumber ?? ''], ['收文编号', doc.registrationNumber ?? ''], ['收文机关', doc.organ.name]] as [string, string][]),
    ['归档时间', doc.archivedAt ? beijingTime(doc.archivedAt) : ''], ['保管期限', doc.retentionYears === 0 ? '永久' : doc.retentionYears ? `${doc.retentionYears} 年` : ''],
  ]
  const sheet = await renderProcessingSheet({
    heading: `${doc.organ.name}${outgoing ? '发文稿纸' : '收文处理单'}`,
    fields,
    opinions,
    events: events.map((e) => ({ at: e.at, action: EVENTS[e.action] ?? e.action, stepName: e.stepName, actorName: e.actorName, extra: eventExtra(e.details) })),
    footer: `${doc.number ?? doc.registrationNumber ?? doc.title} 处理单`,
  })
  add('处理单.pdf', sheet, 'PROCESSING_SHEET')
  attachments.forEach((a, i) => add(`附件/${String(i + 1).padStart(2, '0')}-${safeName(a.fileName)}`, a.data, 'ATTACHMENT'))

  const metadata = {
    format: 'xietong-archive/1',
    exportedAt: exportedAt.toISOString(),
    exportedBy: { id: actor.personId, name: actor.name },
    document: {
      id: doc.id, direction: doc.direction, kind: doc.kind, kindName: KINDS[doc.kind] ?? doc.kind, title: doc.title, number: doc.number,
      organ: { id: doc.organ.id, name: doc.organ.name, organCode: doc.organ.organCode }, unit: { id: doc.unit.id, name: doc.unit.name },
      drafter: { id: doc.createdBy.id, name: doc.createdBy.name }, mainRecipients: doc.mainRecipients, copyTo: doc.copyTo,
      urgency: doc.urgency, marking: doc.marking, signerName: doc.signerName, note: doc.note,
      senderOrgan: doc.senderOrgan, senderNumber: doc.senderNumber, registrationNumber: doc.registrationNumber,
      createdAt: doc.createdAt.toISOString(), signedOffAt: doc.signedOffAt?.toISOString() ?? null, archivedAt: doc.archivedAt?.toISOString() ?? null,
      /** 0: kept permanently. */
      retentionYears: doc.retentionYears,
    },
    rendition: rendition ? { file: listed[0]!.path, kind: rendition.kind, sm3: rendition.sm3, createdAt: rendition.createdAt.toISOString(), sealId: rendition.sealId } : null,
    sealUses: uses.map((u) => ({
      seal: { id: u.seal.id, name: u.seal.name, publicKey: u.seal.publicKey }, person: { id: u.personId, name: personName.get(u.personId) ?? '' },
      at: u.at.toISOString(), documentHash: u.documentHash, signature: u.signature, algorithm: 'SM2-with-SM3', userId: SM2_USER_ID,
    })),
    opinions: opinions.map((o) => ({ step: o.stepName, person: o.personName, onBehalfOf: o.onBehalfOfName, text: o.text, at: o.createdAt.toISOString() })),
    attachments: attachments.map((a, i) => ({ file: listed.find((f) => f.kind === 'ATTACHMENT' && f.path.startsWith(`附件/${String(i + 1).padStart(2, '0')}-`))?.path, fileName: a.fileName, contentType: a.contentType, size: a.size })),
    files: listed,
  }
  add('metadata.json', new TextEncoder().encode(`${JSON.stringify(metadata, null, 2)}\n`), 'METADATA')
  const zip = zipSync(files, { level: 6 })
  await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      actor, action: 'document.archive_export', objectType: 'Document', objectId: id,
      details: { files: listed.map((f) => ({ path: f.path, sm3: f.sm3 })), zipSm3: sm3Hex(Buffer.from(zip)) }, context,
    })
  })
  return { zip, fileName: `${safeName(doc.number ?? doc.registrationNumber ?? doc.title)}-归档包.zip` }
}
