import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { findVisibleMeeting } from './policy.ts'
import { checkInSecret, isFreshCheckIn } from './check-in-token.ts'

export const checkInInput = z.union([
  z.object({ token: z.string().max(80).regex(/^\d+\.[\w-]+$/) }),
  z.object({ code: z.string().regex(/^\d{6}$/) }),
])

/** Check-in opens half an hour before the start and closes at the end. */
export const CHECK_IN_OPENS_BEFORE = minutes(30)

/**
 * 签到 with the room screen's QR token or its short code: the invitee (not one who declined or sent a
 * substitute) is marked present once; checking in again changes nothing. A stale code is refused.
 */
export async function checkIn(db: Db, actor: Actor, meetingId: string, input: z.input<typeof checkInInput>, context: RequestContext) {
  const given = checkInInput.parse(input)
  const meeting = await findVisibleMeeting(db, actor, meetingId)
  if (!meeting) throw new AppError('not_found')
  const now = clock.now()
  if (meeting.status !== 'SCHEDULED' || now.getTime() < meeting.startsAt.getTime() - CHECK_IN_OPENS_BEFORE || now > meeting.endsAt) throw new AppError('meeting.checkin_closed')
  if (!isFreshCheckIn(await checkInSecret(db), meetingId, given, now)) throw new AppError('meeting.checkin_stale')
  const method = 'token' in given ? 'QR' : 'CODE'
  const invitee = await db.meetingInvitee.findUnique({ where: { meetingId_personId: { meetingId, personId: actor.personId } }, select: { id: true, answer: true, checkedInAt: true } })
  if (!invitee || invitee.answer === 'DECLINE' || invitee.answer === 'SUBSTITUTE') throw new AppError('meeting.not_invited')
  if (invitee.checkedInAt) return { checkedInAt: invitee.checkedInAt, already: true, title: meeting.title }
  // The transaction holds the audit chain's lock until commit: only the write and its audit go inside.
  // Conditional: of two scans at once one sets the time, and a second check-in keeps the first.
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.meetingInvitee.updateMany({
      where: { id: invitee.id, checkedInAt: null, answer: { in: ['PENDING', 'ATTEND'] } },
      data: { checkedInAt: now, checkInMethod: method, ...(invitee.answer === 'PENDING' ? { answer: 'ATTEND', answeredAt: now } : {}) },
    })
    if (count) await recordAudit(tx, { actor, action: 'meeting.check_in', objectType: 'Meeting', objectId: meetingId, details: { method }, context })
    return count
  })
  if (count) return { checkedInAt: now, already: false, title: meeting.title }
  const row = await db.meetingInvitee.findUniqueOrThrow({ where: { id: invitee.id }, select: { checkedInAt: true } })
  if (!row.checkedInAt) throw new AppError('meeting.not_invited')
  return { checkedInAt: row.checkedInAt, already: true, title: meeting.title }
}
