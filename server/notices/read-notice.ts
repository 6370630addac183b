import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { notFound } from '../core/errors.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { noticePolicy } from './policy.ts'

/**
 * A notice as its sender or one of its recipients sees it; anyone else gets "not found". Opening it
 * as a recipient records that it was opened (已读, once). The 待阅 item stays open, and re-pings go
 * on, until the recipient confirms receipt (确认收到, `confirmNotice`): a glance is not a receipt.
 */
export async function openNotice(db: Db, actor: Actor, noticeId: string) {
  const notice = await db.notice.findUnique({
    where: { id: noticeId },
    include: { sender: { select: { id: true, name: true } }, recipients: { where: { personId: actor.personId }, select: { readAt: true, confirmedAt: true } } },
  })
  if (!notice) throw notFound()
  const mine = notice.recipients[0]
  const isSender = noticePolicy.mayFollowUp(actor, notice)
  if (!mine && !isSender) throw notFound()
  let readAt = mine?.readAt ?? null
  if (mine && !readAt) {
    readAt = clock.now()
    // Only the first open counts; a concurrent second open changes nothing.
    await db.noticeRecipient.updateMany({ where: { noticeId, personId: actor.personId, readAt: null }, data: { readAt } })
  }
  const { recipients: _mine, ...rest } = notice
  return { ...rest, isSender, isRecipient: Boolean(mine), myReadAt: readAt, myConfirmedAt: mine?.confirmedAt ?? null }
}

/**
 * 确认收到: the recipient says they have received the notice. Clears the 待阅 item and stops the
 * re-pings; once only (a second confirmation keeps the first time). Only a recipient may confirm.
 */
export async function confirmNotice(db: Db, actor: Actor, noticeId: string, context: RequestContext): Promise<{ confirmedAt: Date }> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ readAt: Date | null; confirmedAt: Date | null }[]>`
      SELECT "readAt", "confirmedAt" FROM "NoticeRecipient" WHERE "noticeId" = ${noticeId}::uuid AND "personId" = ${actor.personId}::uuid FOR UPDATE`
    if (!row) throw notFound()
    if (row.confirmedAt) return { confirmedAt: row.confirmedAt }
    const now = clock.now()
    await tx.noticeRecipient.update({ where: { noticeId_personId: { noticeId, personId: actor.personId } }, data: { confirmedAt: now, readAt: row.readAt ?? now } })
    await completeInboxItems(tx, { objectType: 'Notice', objectId: noticeId, personId: actor.personId })
    await recordAudit(tx, { actor, action: 'notice.confirm', objectType: 'Notice', objectId: noticeId, context })
    return { confirmedAt: now }
  })
}

/**
 * For the sender only: who confirmed receipt (确认收到), who opened it without confirming (已读), and
 * who has not opened it (未读). `read` is everyone who opened it, confirmed or not.
 */
export async function noticeReceipts(db: Db, actor: Actor, noticeId: string) {
  const notice = await db.notice.findUnique({ where: { id: noticeId }, select: { senderId: true } })
  if (!notice || !noticePolicy.mayFollowUp(actor, notice)) throw notFound()
  const rows = await db.noticeRecipient.findMany({
    where: { noticeId },
    orderBy: [{ confirmedAt: { sort: 'asc', nulls: 'last' } }, { readAt: { sort: 'asc', nulls: 'last' } }],
    select: { readAt: true, confirmedAt: true, pingCount: true, lastPingAt: true, person: { select: { id: true, name: true, posts: { where: { isPrimary: true }, select: { unit: { select: { name: true } } } } } } },
  })
  const toRow = (r: (typeof rows)[number]) => ({ personId: r.person.id, name: r.person.name, unit: r.person.posts[0]?.unit.name ?? '', readAt: r.readAt, confirmedAt: r.confirmedAt, pingCount: r.pingCount, lastPingAt: r.lastPingAt })
  return {
    read: rows.filter((r) => r.readAt).map(toRow),
    confirmed: rows.filter((r) => r.confirmedAt).map(toRow),
    openedOnly: rows.filter((r) => r.readAt && !r.confirmedAt).map(toRow),
    unread: rows.filter((r) => !r.readAt).map(toRow),
  }
}

/** The notices a person sent, newest first, with read counts. */
export async function listSentNotices(db: Db, actor: Actor) {
  const notices = await db.notice.findMany({ where: { senderId: actor.personId }, orderBy: { createdAt: 'desc' }, take: 50, select: { id: true, title: true, urgency: true, createdAt: true } })
  const counts = await db.noticeRecipient.groupBy({ by: ['noticeId'], where: { noticeId: { in: notices.map((n) => n.id) } }, _count: { _all: true, readAt: true, confirmedAt: true } })
  return notices.map((n) => {
    const c = counts.find((x) => x.noticeId === n.id)
    return { ...n, recipients: c?._count._all ?? 0, read: c?._count.readAt ?? 0, confirmed: c?._count.confirmedAt ?? 0 }
  })
}
