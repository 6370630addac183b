import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { sm3Hex } from '../core/crypto.ts'
import type { RequestContext } from '../core/request-context.ts'
import { listUsableSeals, recordSealUse, sealForUse, stampAndSign } from '../seals/index.ts'
import { recordEvent, stepsOf } from './engine.ts'
import { loadDocument, type LoadedDocument } from './load-document.ts'
import { documentPolicy, type Standing } from './policy.ts'
import { renderDocumentPdf } from './render-document.ts'
import { afterTask, finishTask } from './transitions.ts'

export const sealInput = z.object({ revision: z.coerce.number().int().min(0), sealId: z.uuid() })

/** The SEAL step and the actor's task on it; only a signed-off document is sealed. */
function sealingTask(actor: Actor, doc: LoadedDocument, standing: Standing) {
  const step = stepsOf(doc)[doc.stepIndex ?? -1]
  const mine = documentPolicy.actionableTasks(actor, doc, standing)
  const task = mine.find((t) => t.assigneeId === actor.personId) ?? mine[0]
  if (step?.type !== 'SEAL' || !task) throw new AppError('document.not_your_turn')
  if (!doc.signedOffAt) throw new AppError('seal.not_signed_off')
  return { step, task }
}

/**
 * 用印: render the document's PDF, stamp the seal over the issuer's name and date, sign it (SM3 +
 * SM2, GB/T 38540 style), keep it as the SEALED rendition, write the seal's ledger, and complete the
 * SEAL step. Only at that step, only by whoever holds its task and holds the seal.
 *
 * The checks and the rendering run before the transaction: rendering takes up to a second, longer
 * than the document's lock should be held. The transaction checks everything again against the same
 * revision, so a document that moved meanwhile is refused as stale, never sealed as it was.
 */
export async function sealDocument(db: Db, actor: Actor, id: string, input: z.input<typeof sealInput>, context: RequestContext) {
  const fields = sealInput.parse(input)
  const { doc, standing } = await loadDocument(db, actor, id)
  if (doc.revision !== fields.revision) throw new AppError('document.stale')
  sealingTask(actor, doc, standing)
  const seal = await sealForUse(db, actor, fields.sealId, doc.organ)
  const rendered = await renderDocumentPdf(db, id)
  // The signature's time is kept to the second (GeneralizedTime); the ledger shows the same instant.
  const signedAt = new Date(Math.floor(clock.now().getTime() / 1000) * 1000)
  const sealed = await stampAndSign({
    pdf: rendered.pdf, anchor: rendered.sealAnchor, seal, signer: { id: actor.personId, name: actor.name }, signedAt, propertyInfo: `document:${id}`,
  })
  return db.$transaction(async (tx) => {
    const { doc, standing } = await loadDocument(tx, actor, id, { forUpdate: true })
    if (doc.revision !== fields.revision) throw new AppError('document.stale')
    const { step, task } = sealingTask(actor, doc, standing)
    await sealForUse(tx, actor, seal.id, doc.organ)
    const rendition = await tx.documentRendition.create({
      data: { documentId: id, kind: 'SEALED', pdf: Uint8Array.from(sealed.pdf), sm3: sm3Hex(Buffer.from(sealed.pdf)), sealId: seal.id, createdById: actor.personId, createdAt: signedAt },
    })
    const use = await recordSealUse(tx, { sealId: seal.id, documentId: id, personId: actor.personId, at: signedAt, documentHash: sealed.documentHash, signature: sealed.signature })
    await recordEvent(tx, doc, actor, 'SEALED', step.name, { name: seal.name })
    await finishTask(tx, actor, doc, step, task, null)
    const next = await afterTask(tx, actor, doc, step, {})
    await recordAudit(tx, {
      actor, action: 'seal.use', objectType: 'Seal', objectId: seal.id,
      details: { documentId: id, sealUseId: use.id, renditionId: rendition.id, documentHash: sealed.documentHash }, context,
    })
    await recordAudit(tx, {
      actor, action: 'document.seal', objectType: 'Document', objectId: id,
      details: { step: step.name, sealId: seal.id, seal: seal.name, renditionId: rendition.id, documentHash: sealed.documentHash, next: next?.name ?? null }, context,
    })
    return { renditionId: rendition.id, documentHash: sealed.documentHash, next: next?.name ?? null }
  })
}

/** For the sealing panel: the seals the actor may use on this document, and its sealed renditions. */
export async function sealingOptions(db: Db, actor: Actor, id: string) {
  const { doc } = await loadDocument(db, actor, id)
  const [seals, renditions] = await Promise.all([
    listUsableSeals(db, actor, doc.organ),
    db.documentRendition.findMany({ where: { documentId: id, kind: 'SEALED' }, orderBy: { createdAt: 'desc' }, select: { id: true, createdAt: true, sealId: true, sm3: true } }),
  ])
  return { seals, renditions }
}

/**
 * The document's latest rendition of a kind (RECEIVED for an incoming document, else SEALED, else
 * SIGNED_OFF), for whoever may see the document; null when there is none.
 */
export async function latestRendition(db: Db, actor: Actor, id: string, kinds: readonly string[] = ['RECEIVED', 'SEALED', 'SIGNED_OFF']) {
  const { doc } = await loadDocument(db, actor, id)
  for (const kind of kinds) {
    const row = await db.documentRendition.findFirst({ where: { documentId: doc.id, kind }, orderBy: { createdAt: 'desc' } })
    if (row) return { ...row, title: doc.title, number: doc.number }
  }
  return null
}
