import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { notFound } from '../core/errors.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { noticePolicy } from './policy.ts'

/**
 * A notice as its sender or one of its recipients sees it; anyone else gets "not found". Opening it
 * as a recipient records the read receipt (once) and clears the 待阅 item.
 */
export async function openNotice(db: Db, actor: Actor, noticeId: string) {
  const notice = await db.notice.findUnique({
    where: { id: noticeId },
    include: { sender: { select: { id: true, name: true } }, recipients: { where: { personId: actor.personId }, select: { readAt: true } } },
  })
  if (!notice) throw notFound()
  const mine = notice.recipients[0]
  const isSender = noticePolicy.mayFollowUp(actor, notice)
  if (!mine && !isSender) throw notFound()
  let readAt = mine?.readAt ?? null
  if (mine && !readAt) {
    readAt = clock.now()
    await db.$transaction(async (tx) => {
      // Only the first open counts; a concurrent second open changes nothing.
      const { count } = await tx.noticeRecipient.updateMany({ where: { noticeId, personId: actor.personId, readAt: null }, data: { readAt } })
      if (count) await completeInboxItems(tx, { objectType: 'Notice', objectId: noticeId, personId: actor.personId })
    })
  }
  const { recipients: _mine, ...rest } = notice
  return { ...rest, isSender, myReadAt: readAt }
}

/** Who has read it and when, who has not: for the sender only. */
export async function noticeReceipts(db: Db, actor: Actor, noticeId: string) {
  const notice = await db.notice.findUnique({ where: { id: noticeId }, select: { senderId: true } })
  if (!notice || !noticePolicy.mayFollowUp(actor, notice)) throw notFound()
  const rows = await db.noticeRecipient.findMany({
    where: { noticeId },
    orderBy: [{ readAt: { sort: 'asc', nulls: 'last' } }],
    select: { readAt: true, pingCount: true, lastPingAt: true, person: { select: { id: true, name: true, posts: { where: { isPrimary: true }, select: { unit: { select: { name: true } } } } } } },
  })
  const toRow = (r: (typeof rows)[number]) => ({ personId: r.person.id, name: r.person.name, unit: r.person.posts[0]?.unit.name ?? '', readAt: r.readAt, pingCount: r.pingCount, lastPingAt: r.lastPingAt })
  return { read: rows.filter((r) => r.readAt).map(toRow), unread: rows.filter((r) => !r.readAt).map(toRow) }
}

/** The notices a person sent, newest first, with read counts. */
export async function listSentNotices(db: Db, actor: Actor) {
  const notices = await db.notice.findMany({ where: { senderId: actor.personId }, orderBy: { createdAt: 'desc' }, take: 50, select: { id: true, title: true, urgency: true, createdAt: true } })
  const counts = await db.noticeRecipient.groupBy({ by: ['noticeId'], where: { noticeId: { in: notices.map((n) => n.id) } }, _count: { _all: true, readAt: true } })
  return notices.map((n) => {
    const c = counts.find((x) => x.noticeId === n.id)
    return { ...n, recipients: c?._count._all ?? 0, read: c?._count.readAt ?? 0 }
  })
}
