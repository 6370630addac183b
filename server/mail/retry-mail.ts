import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError, notFound } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { mailPolicy } from './policy.ts'

/** Send a failed (or held) mail again from the start; mail outside the actor's scope is not found. */
export async function retryMail(db: Db, actor: Actor, mailId: string, context: RequestContext) {
  if (!mailPolicy.mayManageAny(actor)) throw new AppError('forbidden')
  if (!isUuid(mailId)) throw notFound()
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "OutboxMail" WHERE id = ${mailId}::uuid FOR UPDATE`
    const mail = await tx.outboxMail.findFirst({ where: { AND: [{ id: mailId }, await mailPolicy.visibleWhere(tx, actor)] } })
    if (!mail || mail.status === 'SENT' || mail.status === 'PENDING') throw notFound()
    await tx.outboxMail.update({ where: { id: mailId }, data: { status: 'PENDING', attempts: 0, nextAttemptAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'mail.retry', objectType: 'OutboxMail', objectId: mailId, details: { to: mail.toAddress }, context })
  })
}
