import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { documentPolicy, type Standing } from './policy.ts'

/** The people who have delegated their document steps to this person at this moment. */
export async function standingOf(db: Db | Tx, personId: string): Promise<Standing> {
  const now = clock.now()
  const rows = await db.delegation.findMany({
    where: { deputyId: personId, revokedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { personId: true },
  })
  return { delegators: rows.map((r) => r.personId) }
}

export const documentWithRoute = {
  organ: { select: { id: true, name: true, path: true, organCode: true } },
  unit: { select: { id: true, name: true, path: true } },
  createdBy: { select: { id: true, name: true } },
  tasks: { select: { id: true, assigneeId: true, actedById: true, status: true, stepIndex: true, unitId: true, dueAt: true, actedAt: true, createdAt: true }, orderBy: { createdAt: 'asc' as const } },
  readers: { select: { personId: true, readAt: true, sentAt: true } },
}

/**
 * A document the actor may see, with what the policy needs. In a transaction, `forUpdate` locks the
 * row first, so transitions on one document run one at a time. Invisible and missing look the same.
 */
export async function loadDocument(db: Db | Tx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw new AppError('not_found')
  if (options.forUpdate) await (db as Tx).$queryRaw`SELECT id FROM "Document" WHERE id = ${id}::uuid FOR UPDATE`
  const doc = await db.document.findUnique({ where: { id }, include: documentWithRoute })
  const standing = await standingOf(db, actor.personId)
  if (!doc || !documentPolicy.maySee(actor, doc, standing)) throw new AppError('not_found')
  return { doc, standing }
}

export type LoadedDocument = Awaited<ReturnType<typeof loadDocument>>['doc']
