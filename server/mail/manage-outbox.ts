import type { Db, MailStatus } from '../core/db/index.ts'
import { assertPermission, type Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'

export async function listOutbox(db: Db, actor: Actor, filter: { status?: MailStatus; before?: string } = {}) {
  assertPermission(actor, 'mail.manage')
  const counts = await db.outboxMail.groupBy({ by: ['status'], _count: { _all: true } })
  const mails = await db.outboxMail.findMany({
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.before ? { id: { lt: filter.before } } : {}) },
    orderBy: { id: 'desc' },
    take: 50,
  })
  return { mails, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<MailStatus, number>> }
}

/** Send a failed (or held) mail again from the start. */
export async function retryMail(db: Db, actor: Actor, mailId: string, context: RequestContext) {
  assertPermission(actor, 'mail.manage')
  await db.$transaction(async (tx) => {
    const mail = await tx.outboxMail.findUnique({ where: { id: mailId } })
    if (!mail || mail.status === 'SENT' || mail.status === 'PENDING') throw notFound()
    await tx.outboxMail.update({ where: { id: mailId }, data: { status: 'PENDING', attempts: 0, nextAttemptAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'mail.retry', objectType: 'OutboxMail', objectId: mailId, details: { to: mail.toAddress }, context })
  })
}
