import * as Y from 'yjs'
import { z } from 'zod'
import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { isUuid } from '../core/strings.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { appendUpdate, loadDocument as loadBody } from '../coediting/index.ts'
import { organOf } from './create-document.ts'
import { recordEvent, refreshSearchText, stepsOf } from './engine.ts'
import { bodyDocName } from './kinds.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { afterTask, finishTask } from './transitions.ts'

export const distributeInput = z.object({ revision: z.coerce.number().int().min(0), unitIds: z.array(z.uuid()).min(1).max(200) })

/** Registry staff whose scope covers a unit: they sign for what is sent to it. */
async function registryOf(tx: Tx, unit: { path: string }) {
  const ancestors = unit.path.split('/').filter(Boolean)
  const grants = await tx.roleGrant.findMany({
    where: { person: { isActive: true }, role: { permissions: { has: 'document.register' } }, OR: [{ unitId: { in: ancestors }, includesSubunits: true }, { unit: { path: unit.path } }] },
    select: { personId: true },
  })
  return [...new Set(grants.map((g) => g.personId))]
}

/**
 * 分发: the numbered document goes to units inside the organisation and to other organisations on
 * the platform (电子公文交换). Each recipient's registry gets a 待签收; the DISTRIBUTE step completes.
 */
export async function distributeDocument(db: Db, actor: Actor, id: string, input: z.input<typeof distributeInput>, context: RequestContext) {
  const fields = distributeInput.parse(input)
  return db.$transaction(async (tx) => {
    const { doc, standing } = await loadDocument(tx, actor, id, { forUpdate: true })
    if (doc.revision !== fields.revision) throw new AppError('document.stale')
    const step = stepsOf(doc)[doc.stepIndex ?? -1]
    const task = documentPolicy.actionableTasks(actor, doc, standing)[0]
    if (step?.type !== 'DISTRIBUTE' || !task || !documentPolicy.isRegistry(actor, doc.organ)) throw new AppError('document.not_your_turn')
    if (!doc.number) throw new AppError('document.number_first')
    // The number's row after the document's (the order voiding keeps): a number being voided waits
    // for this distribution, or has voided it and the document has no number any more.
    const held = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "DocumentNumber" WHERE "documentId" = ${doc.id}::uuid AND state = 'ASSIGNED' FOR UPDATE`
    if (held.length === 0) throw new AppError('document.number_first')
    const units = await tx.unit.findMany({ where: { id: { in: fields.unitIds }, isActive: true }, select: { id: true, name: true, path: true } })
    if (units.length !== new Set(fields.unitIds).size) throw new AppError('not_found')
    const now = clock.now()
    for (const unit of units) {
      const organ = await organOf(tx, unit)
      const registry = await registryOf(tx, unit)
      if (registry.length === 0) throw new AppError('document.no_registry', { unit: unit.name })
      const row = await tx.documentDistribution.upsert({
        where: { documentId_recipientUnitId: { documentId: doc.id, recipientUnitId: unit.id } },
        create: { documentId: doc.id, recipientUnitId: unit.id, isExchange: organ.id !== doc.organId, sentAt: now, sentById: actor.personId },
        update: { status: 'SENT', sentAt: now, sentById: actor.personId, recalledAt: null },
      })
      await createInboxItems(tx, registry.map((personId) => ({
        personId, kind: 'TODO' as const, module: 'document', objectType: 'DocumentDistribution', objectId: row.id,
        title: `${doc.number} ${doc.title}`, source: `待签收 · ${doc.organ.name}`, url: `/documents/receive/${row.id}`, urgency: doc.urgency, unitId: unit.id,
      })))
    }
    await recordEvent(tx, doc, actor, 'DISTRIBUTED', step.name, { units: units.map((u) => u.name) })
    await finishTask(tx, actor, doc, step, task, null)
    await afterTask(tx, actor, doc, step, {})
    await recordAudit(tx, { actor, action: 'document.distribute', objectType: 'Document', objectId: doc.id, details: { units: units.map((u) => u.id) }, context })
    return { distributed: units.length }
  })
}

/** A distribution as its recipient's registry sees it, before and after signing for it. */
export async function getDistribution(db: Db, actor: Actor, distributionId: string) {
  if (!isUuid(distributionId)) throw new AppError('not_found')
  const row = await db.documentDistribution.findUnique({
    where: { id: distributionId },
    include: { document: { select: { id: true, title: true, number: true, kind: true, urgency: true, marking: true, mainRecipients: true, copyTo: true, organ: { select: { name: true, path: true } }, signedOffAt: true } } },
  })
  if (!row) throw new AppError('not_found')
  const recipient = await db.unit.findUniqueOrThrow({ where: { id: row.recipientUnitId }, select: { id: true, name: true, path: true } })
  const isRecipientRegistry = documentPolicy.isRecipientRegistry(actor, recipient)
  const isSenderRegistry = documentPolicy.isRegistry(actor, row.document.organ)
  if (!isRecipientRegistry && !isSenderRegistry) throw new AppError('not_found')
  const [incoming, sealed] = await Promise.all([
    db.document.findUnique({ where: { arrivedByDistributionId: row.id }, select: { id: true } }),
    db.documentRendition.findFirst({ where: { documentId: row.documentId, kind: 'SEALED' }, orderBy: { createdAt: 'desc' }, select: { id: true, sm3: true } }),
  ])
  return { ...row, recipient, isRecipientRegistry, isSenderRegistry, incomingId: incoming?.id ?? null, sealed }
}

/** The sealed PDF a distribution carries, for the registries on either end (待签收 shows it before signing for). */
export async function distributionPdf(db: Db, actor: Actor, distributionId: string) {
  const row = await getDistribution(db, actor, distributionId)
  const sealed = await db.documentRendition.findFirst({ where: { documentId: row.documentId, kind: 'SEALED' }, orderBy: { createdAt: 'desc' } })
  if (!sealed) throw new AppError('not_found')
  return { pdf: sealed.pdf, fileName: `${row.document.number ?? row.document.title}.pdf` }
}

export const returnInput = z.object({ reason: z.string().trim().min(1).max(500) })

/**
 * 拒收/退回: the recipient's registry returns a distribution it has not signed for (wrong recipient,
 * wrong copy), with a reason. The sender's registry is told in its 待阅 and on the outgoing document's
 * distribution list and timeline.
 */
export async function returnDistribution(db: Db, actor: Actor, distributionId: string, input: z.input<typeof returnInput>, context: RequestContext) {
  const fields = returnInput.parse(input)
  return db.$transaction(async (tx) => {
    if (!isUuid(distributionId)) throw new AppError('not_found')
    await tx.$queryRaw`SELECT id FROM "DocumentDistribution" WHERE id = ${distributionId}::uuid FOR UPDATE`
    const row = await tx.documentDistribution.findUnique({ where: { id: distributionId }, include: { document: { select: { id: true, title: true, number: true, urgency: true, organ: { select: { path: true } } } } } })
    if (!row) throw new AppError('not_found')
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: row.recipientUnitId }, select: { id: true, name: true, path: true } })
    if (!documentPolicy.isRecipientRegistry(actor, unit)) throw new AppError('not_found')
    if (row.status !== 'SENT') throw new AppError('document.distribution_closed')
    const now = clock.now()
    await tx.documentDistribution.update({ where: { id: row.id }, data: { status: 'RETURNED', returnedAt: now, returnedById: actor.personId, returnReason: fields.reason } })
    await completeInboxItems(tx, { objectType: 'DocumentDistribution', objectId: row.id }, 'CANCELLED')
    const senderRegistry = (await registryOf(tx, row.document.organ)).filter((p) => p !== actor.personId)
    await createInboxItems(tx, senderRegistry.map((personId) => ({
      personId, kind: 'TO_READ' as const, module: 'document', objectType: 'DocumentDistributionReturn', objectId: row.id,
      title: `${row.document.number ?? ''} ${row.document.title}`.trim(), source: `退回 · ${unit.name}：${fields.reason}`, url: `/documents/${row.document.id}`, urgency: row.document.urgency,
    })))
    await recordEvent(tx, { id: row.document.id }, actor, 'RETURNED', null, { unit: unit.name, reason: fields.reason })
    await recordAudit(tx, { actor, action: 'document.return_distribution', objectType: 'DocumentDistribution', objectId: row.id, details: { documentId: row.document.id, reason: fields.reason }, context })
  })
}

/**
 * 签收: the recipient's registry signs for the document. A receipt goes back to the sender (on the
 * outgoing document's timeline and distribution list) and an incoming document is created with a
 * copy of the body, ready to register.
 */
export async function signForDistribution(db: Db, actor: Actor, distributionId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    if (!isUuid(distributionId)) throw new AppError('not_found')
    await tx.$queryRaw`SELECT id FROM "DocumentDistribution" WHERE id = ${distributionId}::uuid FOR UPDATE`
    const row = await tx.documentDistribution.findUnique({ where: { id: distributionId }, include: { document: { select: { id: true, title: true, number: true, kind: true, urgency: true, marking: true, mainRecipients: true, copyTo: true, organ: { select: { name: true } } } } } })
    if (!row) throw new AppError('not_found')
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: row.recipientUnitId }, select: { id: true, name: true, path: true } })
    if (!documentPolicy.isRecipientRegistry(actor, unit)) throw new AppError('not_found')
    if (row.status !== 'SENT') throw new AppError('document.distribution_closed')
    const now = clock.now()
    const organ = await organOf(tx, unit)
    await tx.documentDistribution.update({ where: { id: row.id }, data: { status: 'SIGNED_FOR', signedForAt: now, signedForById: actor.personId } })
    const sent = row.document
    const incoming = await tx.document.create({
      data: {
        direction: 'INCOMING', kind: sent.kind, title: sent.title, organId: organ.id, unitId: unit.id, createdById: actor.personId,
        mainRecipients: sent.mainRecipients, copyTo: sent.copyTo, urgency: sent.urgency, marking: sent.marking,
        senderOrgan: sent.organ.name, senderNumber: sent.number, receivedAt: now, arrivedByDistributionId: row.id, createdAt: now,
      },
    })
    // The body travels as a copy: the recipient's handling never touches the sender's document.
    const body = await loadBody(tx, bodyDocName(sent.id))
    await appendUpdate(tx, { docName: bodyDocName(incoming.id), update: Y.encodeStateAsUpdate(body), personId: null })
    // The document as received is the sender's sealed PDF, byte for byte (its signature verifies).
    const sealed = await tx.documentRendition.findFirst({ where: { documentId: sent.id, kind: 'SEALED' }, orderBy: { createdAt: 'desc' } })
    if (sealed) await tx.documentRendition.create({ data: { documentId: incoming.id, kind: 'RECEIVED', pdf: sealed.pdf, sm3: sealed.sm3, sealId: sealed.sealId, createdById: actor.personId, createdAt: now } })
    const files = await tx.documentAttachment.findMany({ where: { documentId: sent.id } })
    for (const f of files) await tx.documentAttachment.create({ data: { documentId: incoming.id, fileName: f.fileName, contentType: f.contentType, size: f.size, data: f.data, uploadedById: f.uploadedById, createdAt: now } })
    await completeInboxItems(tx, { objectType: 'DocumentDistribution', objectId: row.id })
    await recordEvent(tx, { id: incoming.id }, actor, 'SIGNED_FOR', null, { from: sent.organ.name, number: sent.number })
    await recordEvent(tx, { id: sent.id }, actor, 'RECEIPT', null, { unit: unit.name })
    await refreshSearchText(tx, incoming.id, (await tx.document.findUniqueOrThrow({ where: { id: sent.id }, select: { searchText: true } })).searchText.split('\n\u001e\n')[1] ?? '')
    await recordAudit(tx, { actor, action: 'document.sign_for', objectType: 'DocumentDistribution', objectId: row.id, details: { documentId: sent.id, incomingId: incoming.id, sm3: sealed?.sm3 ?? null }, context })
    return { incomingId: incoming.id }
  })
}

/** 撤回分发: the sender's registry recalls a distribution its recipient has not signed for. */
export async function recallDistribution(db: Db, actor: Actor, distributionId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    if (!isUuid(distributionId)) throw new AppError('not_found')
    await tx.$queryRaw`SELECT id FROM "DocumentDistribution" WHERE id = ${distributionId}::uuid FOR UPDATE`
    const row = await tx.documentDistribution.findUnique({ where: { id: distributionId }, include: { document: { select: { id: true, organ: { select: { path: true } } } } } })
    if (!row || !documentPolicy.isRegistry(actor, row.document.organ)) throw new AppError('not_found')
    if (row.status !== 'SENT') throw new AppError('document.distribution_closed')
    await tx.documentDistribution.update({ where: { id: row.id }, data: { status: 'RECALLED', recalledAt: clock.now() } })
    await completeInboxItems(tx, { objectType: 'DocumentDistribution', objectId: row.id }, 'CANCELLED')
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: row.recipientUnitId }, select: { name: true } })
    await recordEvent(tx, { id: row.document.id }, actor, 'RECALLED', null, { unit: unit.name })
    await recordAudit(tx, { actor, action: 'document.recall', objectType: 'DocumentDistribution', objectId: row.id, context })
  })
}

/** 待签收: distributions waiting for the actor's registry to sign for them. */
export async function listToSignFor(db: Db, actor: Actor) {
  if (!documentPolicy.isRegistryAnywhere(actor)) return []
  const units = await db.unit.findMany({ where: documentPolicy.registryUnitsWhere(actor), select: { id: true, name: true } })
  const name = new Map(units.map((u) => [u.id, u.name]))
  const rows = await db.documentDistribution.findMany({
    where: { status: 'SENT', recipientUnitId: { in: units.map((u) => u.id) } },
    include: { document: { select: { title: true, number: true, urgency: true, organ: { select: { name: true } } } } },
    orderBy: { sentAt: 'desc' }, take: 100,
  })
  return rows.map((r) => ({ ...r, recipientName: name.get(r.recipientUnitId) ?? '' }))
}
