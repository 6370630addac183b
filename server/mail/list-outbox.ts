import type { Db, MailStatus } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { cleanSearch } from '../core/text.ts'
import { mailPolicy } from './policy.ts'

/**
 * The outbox as the actor may see it: newest first, 50 at a time, with counts per status of the same mail;
 * `q` finds mail by words of its subject or its address.
 */
export async function listOutbox(db: Db, actor: Actor, filter: { status?: MailStatus; before?: string; q?: string } = {}) {
  if (!mailPolicy.mayManageAny(actor)) throw new AppError('forbidden')
  const visible = await mailPolicy.visibleWhere(db, actor)
  const counts = await db.outboxMail.groupBy({ by: ['status'], where: visible, _count: { _all: true } })
  const q = cleanSearch(filter.q).slice(0, 100)
  const matches = q ? { OR: [{ subject: { contains: q, mode: 'insensitive' as const } }, { toAddress: { contains: q, mode: 'insensitive' as const } }] } : {}
  const mails = await db.outboxMail.findMany({
    where: { AND: [visible, matches, filter.status ? { status: filter.status } : {}, filter.before ? { id: { lt: filter.before } } : {}] },
    orderBy: { id: 'desc' },
    take: 50,
  })
  return { mails, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<MailStatus, number>> }
}
