import type { Db, DocumentKind, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { afterTask, finishTask } from './transitions.ts'
import { stepsOf } from './engine.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { assertNotFrozen } from './freeze.ts'
import { z } from 'zod'

/** What follows the 机关代字 in a document number's prefix. */
const NUMBER_SUFFIXES = ['发', '函', '纪']

/** 机关代字 + kind: 泰政 → 泰政发 (letters 泰政函, minutes 泰政纪). Sequences run per prefix per year. */
export function numberPrefix(organCode: string, kind: DocumentKind): string {
  return organCode + (kind === 'LETTER' ? '函' : kind === 'MINUTES' ? '纪' : '发')
}

/** 泰政发〔2022〕14号 */
export const formatNumber = (prefix: string, year: number, sequence: number) => `${prefix}〔${year}〕${sequence}号`

/** Beijing time decides the year (a number taken at 00:30 on 1 January belongs to the new year). */
export const yearNow = () => new Date(clock.now().getTime() + 8 * 3_600_000).getUTCFullYear()

/**
 * The next sequence for a prefix and year. The counter row is created or bumped in one statement, so
 * concurrent numberings queue on its row lock: no gaps, no duplicates. Other registers numbered per
 * year (the bulletins' issues, 政务信息第N期) take theirs here too, under a prefix of their own.
 */
export async function nextSequence(tx: Tx, prefix: string, year: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "DocumentNumberCounter" (prefix, year, last) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last = "DocumentNumberCounter".last + 1
    RETURNING last`
  return row!.last
}

export const numberInput = z.object({ revision: z.coerce.number().int().min(0), reservedNumberId: z.uuid().optional() })

/**
 * 编号登记: the registry gives the signed-off document its number (the next one, or one reserved
 * earlier) and the NUMBER step completes.
 */
export async function numberDocument(db: Db, actor: Actor, id: string, input: z.input<typeof numberInput>, context: RequestContext) {
  const fields = numberInput.parse(input)
  return db.$transaction(async (tx) => {
    const { doc, standing } = await loadDocument(tx, actor, id, { forUpdate: true })
    if (doc.revision !== fields.revision) throw new AppError('document.stale')
    const step = stepsOf(doc)[doc.stepIndex ?? -1]
    const task = documentPolicy.actionableTasks(actor, doc, standing)[0]
    if (step?.type !== 'NUMBER' || !task || !documentPolicy.isRegistry(actor, doc.organ)) throw new AppError('document.not_your_turn')
    await assertNotFrozen(tx, doc, 'number')
    if (!doc.organ.organCode) throw new AppError('document.no_organ')
    const prefix = numberPrefix(doc.organ.organCode, doc.kind)
    const year = yearNow()
    let sequence: number
    if (fields.reservedNumberId) {
      // The number's row is locked after the document's (the order voiding keeps too): two documents
      // offered one reserved number queue here, and the second finds it no longer reserved.
      await tx.$queryRaw`SELECT id FROM "DocumentNumber" WHERE id = ${fields.reservedNumberId}::uuid FOR UPDATE`
      const reserved = await tx.documentNumber.findUnique({ where: { id: fields.reservedNumberId } })
      if (!reserved || reserved.state !== 'RESERVED' || reserved.prefix !== prefix) throw new AppError('document.number_not_reserved')
      await tx.documentNumber.update({ where: { id: reserved.id }, data: { state: 'ASSIGNED', documentId: doc.id } })
      sequence = reserved.sequence
      return finish(reserved.year)
    }
    sequence = await nextSequence(tx, prefix, year)
    await tx.documentNumber.create({ data: { prefix, year, sequence, state: 'ASSIGNED', documentId: doc.id, createdById: actor.personId, createdAt: clock.now() } })
    return finish(year)

    async function finish(y: number) {
      const number = formatNumber(prefix, y, sequence)
      await tx.document.update({ where: { id: doc.id }, data: { number } })
      doc.number = number
      await finishTask(tx, actor, doc, step!, task!, null)
      await afterTask(tx, actor, doc, step!, {})
      await recordAudit(tx, { actor, action: 'document.number', objectType: 'Document', objectId: doc.id, details: { number }, context })
      return { number }
    }
  })
}

export const reserveInput = z.object({ organId: z.uuid(), kind: z.enum(['NOTICE', 'LETTER', 'MINUTES']).default('NOTICE'), reason: z.string().trim().min(1).max(200) })

/** 预留号: the office sets a number aside (for a document still being written); audited. */
export async function reserveNumber(db: Db, actor: Actor, input: z.input<typeof reserveInput>, context: RequestContext) {
  const fields = reserveInput.parse(input)
  const organ = await db.unit.findUnique({ where: { id: fields.organId }, select: { id: true, path: true, organCode: true } })
  if (!organ?.organCode) throw new AppError('not_found')
  if (!documentPolicy.isRegistry(actor, organ)) throw new AppError('forbidden')
  const prefix = numberPrefix(organ.organCode, fields.kind)
  return db.$transaction(async (tx) => {
    const year = yearNow()
    const sequence = await nextSequence(tx, prefix, year)
    const row = await tx.documentNumber.create({ data: { prefix, year, sequence, state: 'RESERVED', reason: fields.reason, createdById: actor.personId, createdAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'document.number_reserve', objectType: 'DocumentNumber', objectId: row.id, details: { number: formatNumber(prefix, year, sequence), reason: fields.reason }, context })
    return { id: row.id, number: formatNumber(prefix, year, sequence) }
  })
}

export const voidInput = z.object({ reason: z.string().trim().min(1).max(200) })

/**
 * Void a number (作废): a reserved one nobody will use, or one given to a document not yet
 * distributed (the document loses it and must be numbered again). The number is never reused.
 */
export async function voidNumber(db: Db, actor: Actor, numberId: string, input: z.input<typeof voidInput>, context: RequestContext) {
  const fields = voidInput.parse(input)
  if (!isUuid(numberId)) throw new AppError('not_found')
  return db.$transaction(async (tx) => {
    // Lock order as in numbering and distribution: the document, then its number. Distribution holds
    // the document's lock while it sends, so with both locks held the check below cannot go stale: a
    // void either sees the distribution and is refused, or commits first and distribution then finds
    // no number.
    const seen = await tx.documentNumber.findUnique({ where: { id: numberId }, select: { documentId: true, prefix: true } })
    if (!seen) throw new AppError('not_found')
    // A prefix is the organ's unique code and one character (发/函/纪).
    const organ = await tx.unit.findUnique({ where: { organCode: seen.prefix.slice(0, -1) }, select: { path: true } })
    if (!organ || !documentPolicy.isRegistry(actor, organ)) throw new AppError('forbidden')
    if (seen.documentId) await tx.$queryRaw`SELECT id FROM "Document" WHERE id = ${seen.documentId}::uuid FOR UPDATE`
    await tx.$queryRaw`SELECT id FROM "DocumentNumber" WHERE id = ${numberId}::uuid FOR UPDATE`
    const row = await tx.documentNumber.findUniqueOrThrow({ where: { id: numberId } })
    // Given to a document between the first read and the lock: the page showed another state.
    if (row.documentId !== seen.documentId) throw new AppError('document.stale')
    if (row.state === 'VOIDED') throw new AppError('not_found')
    if (row.documentId) {
      const doc = await tx.document.findUniqueOrThrow({ where: { id: row.documentId }, select: { id: true, direction: true, signedOffAt: true, distributions: { select: { id: true } } } })
      if (doc.distributions.length) throw new AppError('document.number_in_use')
      // The seal covers the number: a sealed document keeps it (a correction is a new document).
      await assertNotFrozen(tx, doc, 'number')
      await tx.document.update({ where: { id: doc.id }, data: { number: null, revision: { increment: 1 } } })
    }
    await tx.documentNumber.update({ where: { id: row.id }, data: { state: 'VOIDED', documentId: null, reason: fields.reason } })
    await recordAudit(tx, { actor, action: 'document.number_void', objectType: 'DocumentNumber', objectId: row.id, details: { number: formatNumber(row.prefix, row.year, row.sequence), reason: fields.reason, documentId: row.documentId }, context })
  })
}

/** The register of numbers for an organisation's prefixes in a year (the registry's ledger). */
export async function listNumbers(db: Db, actor: Actor, organId: string, year: number) {
  const organ = await db.unit.findUnique({ where: { id: organId }, select: { path: true, organCode: true } })
  if (!organ?.organCode || !documentPolicy.isRegistry(actor, organ)) throw new AppError('forbidden')
  const rows = await db.documentNumber.findMany({ where: { prefix: { in: NUMBER_SUFFIXES.map((s) => organ.organCode + s) }, year }, orderBy: [{ prefix: 'asc' }, { sequence: 'asc' }] })
  return rows.map((r) => ({ ...r, number: formatNumber(r.prefix, r.year, r.sequence) }))
}
