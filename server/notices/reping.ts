import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { notifyInboxChanged } from '../core/events.ts'
import type { RequestContext } from '../core/request-context.ts'
import { queueMail } from '../mail/index.ts'
import { noticePolicy } from './policy.ts'
import { noticeMails } from './notice-mail.ts'
import { preferencesOf } from '../preferences/index.ts'

/** Ping these unconfirmed recipients (not 确认收到) again: new mail, a live badge nudge, the count and time recorded. */
async function ping(tx: Tx, notice: { id: string; title: string; body: string; urgency: 'NORMAL' | 'URGENT' | 'EXTRA_URGENT'; sender: { name: string } }, personIds: string[]) {
  if (personIds.length === 0) return 0
  const now = clock.now()
  const rows = await tx.noticeRecipient.findMany({
    where: { noticeId: notice.id, personId: { in: personIds }, confirmedAt: null, person: { isActive: true } },
    select: { personId: true, pingCount: true, person: { select: { email: true } } },
  })
  if (rows.length === 0) return 0
  await tx.noticeRecipient.updateMany({ where: { noticeId: notice.id, personId: { in: rows.map((r) => r.personId) } }, data: { pingCount: { increment: 1 }, lastPingAt: now } })
  const recipients = rows.map((r) => ({ personId: r.personId, email: r.person.email, pingCount: r.pingCount + 1 }))
  await queueMail(tx, noticeMails(notice, notice.sender, recipients, await preferencesOf(tx, recipients.map((r) => r.personId)), now))
  await notifyInboxChanged(tx, rows.map((r) => r.personId))
  return rows.length
}

/** The sender pings every recipient who has not confirmed receipt again now. */
export async function repingUnread(db: Db, actor: Actor, noticeId: string, context: RequestContext): Promise<number> {
  return db.$transaction(async (tx) => {
    const notice = await tx.notice.findUnique({ where: { id: noticeId }, include: { sender: { select: { name: true } } } })
    if (!notice || !noticePolicy.mayFollowUp(actor, notice)) throw notFound()
    const unread = await tx.noticeRecipient.findMany({ where: { noticeId, confirmedAt: null }, select: { personId: true } })
    const count = await ping(tx, notice, unread.map((u) => u.personId))
    await recordAudit(tx, { actor, action: 'notice.reping', objectType: 'Notice', objectId: noticeId, details: { pinged: count }, context })
    return count
  })
}

/**
 * The automatic re-ping, run by the scheduler every minute: every unconfirmed recipient whose last ping is
 * at least the notice's interval old, and who has had fewer than its maximum, is pinged again.
 */
export async function repingDueNotices(db: Db): Promise<{ noticeId: string; personIds: string[] }[]> {
  const now = clock.now()
  const due = await db.$queryRaw<{ noticeId: string; personId: string }[]>`
    SELECT r."noticeId", r."personId"
      FROM "NoticeRecipient" r JOIN "Notice" n ON n.id = r."noticeId"
     WHERE r."confirmedAt" IS NULL AND r."pingCount" < n."repingMax"
       AND r."lastPingAt" + make_interval(mins => n."repingMinutes") <= ${now}
     LIMIT 10000`
  const byNotice = new Map<string, string[]>()
  for (const d of due) byNotice.set(d.noticeId, [...(byNotice.get(d.noticeId) ?? []), d.personId])
  const pinged: { noticeId: string; personIds: string[] }[] = []
  for (const [noticeId, personIds] of byNotice) {
    const done = await db.$transaction(async (tx) => {
      const notice = await tx.notice.findUniqueOrThrow({ where: { id: noticeId }, include: { sender: { select: { name: true } } } })
      // Re-check under row locks: if another worker pinged them meanwhile, PostgreSQL re-evaluates
      // the condition on the committed row after the lock is released, and they drop out.
      const still = await tx.$queryRaw<{ personId: string }[]>`
        SELECT "personId" FROM "NoticeRecipient"
         WHERE "noticeId" = ${noticeId}::uuid AND "personId" = ANY(${personIds}::uuid[]) AND "confirmedAt" IS NULL
           AND "pingCount" < ${notice.repingMax} AND "lastPingAt" <= ${new Date(now.getTime() - minutes(notice.repingMinutes))}
         FOR UPDATE`
      await ping(tx, notice, still.map((s) => s.personId))
      return still.map((s) => s.personId)
    })
    if (done.length) pinged.push({ noticeId, personIds: done })
  }
  return pinged
}
