import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { recordEvent, refreshSearchText } from './engine.ts'
import { loadDocument } from './load-document.ts'
import { appendUpdate } from '../coediting/index.ts'
import { templateUpdate } from './body-templates.ts'
import { bodyDocName } from './kinds.ts'
import { createDocumentInput, type CreateDocumentInput } from './schemas.ts'

/** The organisation a unit belongs to: itself or the nearest unit above it with an organ code. */
export async function organOf(db: Db | Tx, unit: { path: string }) {
  const ids = unit.path.split('/').filter(Boolean)
  const units = await db.unit.findMany({ where: { id: { in: ids }, organCode: { not: null } }, select: { id: true, path: true, organCode: true, name: true } })
  const organ = units.sort((a, b) => b.path.length - a.path.length)[0]
  if (!organ) throw new AppError('document.no_organ')
  return organ
}

/** A clerk starts an outgoing document (拟稿) in one of their own units; it stays a draft until submitted. */
export async function createDocument(db: Db, actor: Actor, input: CreateDocumentInput, context: RequestContext) {
  const fields = createDocumentInput.parse(input)
  const post = await db.post.findFirst({ where: { personId: actor.personId, unitId: fields.unitId, unit: { isActive: true } }, select: { unit: { select: { id: true, path: true } } } })
  if (!post) throw new AppError('document.not_your_unit')
  const organ = await organOf(db, post.unit)
  if (fields.replyToId) {
    const { doc: incoming } = await loadDocument(db, actor, fields.replyToId)
    if (incoming.direction !== 'INCOMING') throw new AppError('validation')
  }
  return db.$transaction(async (tx) => {
    const doc = await tx.document.create({
      data: {
        direction: 'OUTGOING', kind: fields.kind, title: fields.title, organId: organ.id, unitId: post.unit.id, createdById: actor.personId,
        mainRecipients: fields.mainRecipients, copyTo: fields.copyTo, urgency: fields.urgency, marking: fields.marking, isJoint: fields.isJoint,
        signerName: fields.signerName ?? null, note: fields.note, replyToId: fields.replyToId ?? null, createdAt: clock.now(),
      },
    })
    const body = fields.template ? templateUpdate(fields.template) : null
    if (fields.template && !body) throw new AppError('validation')
    if (body) await appendUpdate(tx, { docName: bodyDocName(doc.id), update: body, personId: actor.personId })
    await recordEvent(tx, doc, actor, 'CREATED', null, fields.replyToId ? { replyTo: fields.replyToId } : undefined)
    await refreshSearchText(tx, doc.id, '')
    await recordAudit(tx, { actor, action: 'document.create', objectType: 'Document', objectId: doc.id, details: { title: doc.title, kind: doc.kind }, context })
    return { id: doc.id }
  })
}
