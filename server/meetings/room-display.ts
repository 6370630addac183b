import QRCode from 'qrcode'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { meetingPolicy } from './policy.ts'
import { checkInCodes, checkInSecret } from './check-in-token.ts'
import { CHECK_IN_OPENS_BEFORE } from './check-in.ts'

/**
 * What the room's screen shows: the current (or next within half an hour) meeting's title, and the
 * check-in QR and short code for this 30-second step — nothing else about the meeting. The screen is
 * signed in as someone of the room's office.
 */
export async function roomDisplay(db: Db, actor: Actor, roomId: string) {
  const room = await db.meetingRoom.findFirst({ where: { id: roomId, isActive: true } })
  if (!room) throw new AppError('not_found')
  const unit = await db.unit.findUniqueOrThrow({ where: { id: room.unitId }, select: { path: true } })
  if (!meetingPolicy.mayManageRoom(actor, unit)) throw new AppError('not_found')
  const now = clock.now()
  const booking = await db.roomBooking.findFirst({
    where: { roomId, status: 'APPROVED', meetingId: { not: null }, startsAt: { lte: new Date(now.getTime() + CHECK_IN_OPENS_BEFORE) }, endsAt: { gt: now }, meeting: { status: 'SCHEDULED' } },
    orderBy: { startsAt: 'asc' }, include: { meeting: { select: { id: true, title: true } } },
  })
  if (!booking?.meeting) return { room: { name: room.name }, meeting: null }
  const codes = checkInCodes(await checkInSecret(db), booking.meeting.id)
  const url = `${config().PUBLIC_URL.replace(/\/$/, '')}/meetings/${booking.meeting.id}/check-in?t=${encodeURIComponent(codes.token)}`
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { room: { name: room.name }, meeting: { id: booking.meeting.id, title: booking.meeting.title }, code: codes.code, svg, url, expiresAt: codes.expiresAt }
}
