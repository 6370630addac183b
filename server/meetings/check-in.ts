import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { findVisibleMeeting } from './policy.ts'
import { checkInSecret, isFreshCheckIn } from './check-in-token.ts'
import { wakeRoll } from './wake-roll.ts'

export const checkInInput = z.union([
  z.object({ token: z.string().max(80).regex(/^\d+\.[\w-]+$/) }),
  z.object({ code: z.string().regex(/^\d{6}$/) }),
])

/** Check-in opens half an hour before the start and closes at the end. */
export const CHECK_IN_OPENS_BEFORE = minutes(30)

/**
 * 签到 with the room screen's QR token or its short code: the invitee (not one who declined or sent a
 * substitute) is marked present once; checking in again changes nothing. A stale code is refused.
 *
 * One read before the transaction: the invitee's row with its meeting (an invitee sees the meeting,
 * so no policy query is needed on this path; without a row the policy decides between not found and
 * not invited). The transaction holds the write, the roll's wake-up and the audit (whose chain lock is
 * held until commit, so nothing else goes in): eight statements in all, where there were nine with
 * the policy query first, and the live roll costs one of them.
 */
export async function checkIn(db: Db, actor: Actor, meetingId: string, input: z.input<typeof checkInInput>, context: RequestContext) {
  const given = checkInInput.parse(input)
  const invitee = await db.meetingInvitee.findUnique({
    where: { meetingId_personId: { meetingId, personId: actor.personId } },
    select: { id: true, answer: true, checkedInAt: true, meeting: { select: { title: true, status: true, startsAt: true, endsAt: true } } },
  })
  if (!invitee) throw new AppError((await findVisibleMeeting(db, actor, meetingId)) ? 'meeting.not_invited' : 'not_found')
  const { meeting } = invitee
  const now = clock.now()
  if (meeting.status !== 'SCHEDULED' || now.getTime() < meeting.startsAt.getTime() - CHECK_IN_OPENS_BEFORE || now > meeting.endsAt) throw new AppError('meeting.checkin_closed')
  if (!isFreshCheckIn(await checkInSecret(db), meetingId, given, now)) throw new AppError('meeting.checkin_stale')
  const method = 'token' in given ? 'QR' : 'CODE'
  if (invitee.answer === 'DECLINE' || invitee.answer === 'SUBSTITUTE') throw new AppError('meeting.not_invited')
  if (invitee.checkedInAt) return { checkedInAt: invitee.checkedInAt, already: true, title: meeting.title }
  // Conditional: of two scans at once one sets the time, and a second check-in keeps the first.
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.meetingInvitee.updateMany({
      where: { id: invitee.id, checkedInAt: null, answer: { in: ['PENDING', 'ATTEND'] } },
      data: { checkedInAt: now, checkInMethod: method, ...(invitee.answer === 'PENDING' ? { answer: 'ATTEND', answeredAt: now } : {}) },
    })
    if (count) {
      await wakeRoll(tx, meetingId)
      await recordAudit(tx, { actor, action: 'meeting.check_in', objectType: 'Meeting', objectId: meetingId, details: { method }, context })
    }
    return count
  })
  if (count) return { checkedInAt: now, already: false, title: meeting.title }
  const row = await db.meetingInvitee.findUniqueOrThrow({ where: { id: invitee.id }, select: { checkedInAt: true } })
  if (!row.checkedInAt) throw new AppError('meeting.not_invited')
  return { checkedInAt: row.checkedInAt, already: true, title: meeting.title }
}
