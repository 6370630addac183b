import { z } from 'zod'
import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { organOf } from './create-document.ts'
import { recordEvent, refreshSearchText } from './engine.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { documentFields } from './schemas.ts'
import { submitLoaded } from './transitions.ts'

const registration = {
  senderOrgan: z.string().trim().min(1).max(100),
  senderNumber: z.string().trim().max(60).default(''),
  copies: z.coerce.number().int().min(1).max(9999).default(1),
  urgency: documentFields.shape.urgency,
  deadline: z.coerce.date().optional(),
}

export const newIncomingInput = documentFields.pick({ kind: true, title: true, marking: true }).extend({ unitId: z.uuid(), ...registration })
export const registerInput = z.object({ revision: z.coerce.number().int().min(0), ...registration, senderOrgan: registration.senderOrgan.optional() })

/** The registration number (收文编号): organ code + 收 + 〔year〕 + sequence, gapless like document numbers. */
async function nextRegistrationNumber(tx: Tx, organCode: string) {
  const prefix = `${organCode}收`
  const year = new Date(clock.now().getTime() + 8 * 3_600_000).getUTCFullYear()
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "DocumentNumberCounter" (prefix, year, last) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last = "DocumentNumberCounter".last + 1 RETURNING last`
  return `${prefix}〔${year}〕${row!.last}号`
}

/** Register a document that arrived on paper or as a scan (收文登记); the scan is attached after. */
export async function createIncomingDocument(db: Db, actor: Actor, input: z.input<typeof newIncomingInput>, context: RequestContext) {
  const fields = newIncomingInput.parse(input)
  const unit = await db.unit.findUnique({ where: { id: fields.unitId }, select: { id: true, path: true, isActive: true } })
  if (!unit?.isActive) throw new AppError('not_found')
  const organ = await organOf(db, unit)
  // The document becomes the organisation's: only its registry registers it (a department's clerk
  // would otherwise drop a draft into a registry it does not belong to).
  if (!documentPolicy.isRegistry(actor, organ)) throw new AppError('forbidden')
  return db.$transaction(async (tx) => {
    const doc = await tx.document.create({
      data: {
        direction: 'INCOMING', kind: fields.kind, title: fields.title, marking: fields.marking, organId: organ.id, unitId: unit.id, createdById: actor.personId,
        senderOrgan: fields.senderOrgan, senderNumber: fields.senderNumber || null, copies: fields.copies, urgency: fields.urgency, deadline: fields.deadline ?? null,
        receivedAt: clock.now(), createdAt: clock.now(),
      },
    })
    await recordEvent(tx, doc, actor, 'CREATED', null)
    await refreshSearchText(tx, doc.id, '')
    await recordAudit(tx, { actor, action: 'document.incoming_create', objectType: 'Document', objectId: doc.id, details: { title: doc.title, senderOrgan: doc.senderOrgan }, context })
    return { id: doc.id }
  })
}

/**
 * 登记: the registry completes the registration (our number, copies, urgency, deadline) of a document
 * signed for or entered by hand, and it starts on the incoming workflow (初审 first).
 */
export async function registerIncomingDocument(db: Db, actor: Actor, id: string, input: z.input<typeof registerInput>, context: RequestContext) {
  const fields = registerInput.parse(input)
  return db.$transaction(async (tx) => {
    const { doc } = await loadDocument(tx, actor, id, { forUpdate: true })
    if (doc.direction !== 'INCOMING' || doc.status !== 'DRAFT' || !documentPolicy.isRegistry(actor, doc.organ)) throw new AppError('document.not_editable')
    if (doc.revision !== fields.revision) throw new AppError('document.stale')
    const registrationNumber = doc.registrationNumber ?? (await nextRegistrationNumber(tx, doc.organ.organCode!))
    await tx.document.update({
      where: { id },
      data: {
        registrationNumber, copies: fields.copies, urgency: fields.urgency, deadline: fields.deadline ?? null,
        ...(fields.senderOrgan ? { senderOrgan: fields.senderOrgan } : {}), ...(fields.senderNumber ? { senderNumber: fields.senderNumber } : {}),
        createdById: actor.personId, revision: { increment: 1 },
      },
    })
    await recordEvent(tx, doc, actor, 'REGISTERED', null, { registrationNumber })
    await refreshSearchText(tx, id)
    await recordAudit(tx, { actor, action: 'document.register', objectType: 'Document', objectId: id, details: { registrationNumber }, context })
    // The workflow starts in the same transaction: a first step nobody can take refuses the registration.
    const { doc: registered } = await loadDocument(tx, actor, id)
    const started = await submitLoaded(tx, actor, registered, {}, context)
    return { registrationNumber, step: started.step }
  })
}

export const archiveInput = z.object({ revision: z.coerce.number().int().min(0), retentionYears: z.coerce.number().int().min(0).max(100).default(30) })

/** 归档: a completed document becomes read-only, kept for its retention period (0: permanently). */
export async function archiveDocument(db: Db, actor: Actor, id: string, input: z.input<typeof archiveInput>, context: RequestContext) {
  const fields = archiveInput.parse(input)
  return db.$transaction(async (tx) => {
    const { doc } = await loadDocument(tx, actor, id, { forUpdate: true })
    if (doc.revision !== fields.revision) throw new AppError('document.stale')
    if (doc.status !== 'COMPLETED' || !documentPolicy.isRegistry(actor, doc.organ)) throw new AppError('document.cannot_archive')
    await tx.document.update({ where: { id }, data: { status: 'ARCHIVED', archivedAt: clock.now(), retentionYears: fields.retentionYears, revision: { increment: 1 } } })
    await recordEvent(tx, doc, actor, 'ARCHIVED', null, { retentionYears: fields.retentionYears })
    await recordAudit(tx, { actor, action: 'document.archive', objectType: 'Document', objectId: id, details: { retentionYears: fields.retentionYears }, context })
  })
}
