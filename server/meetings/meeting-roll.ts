import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { clock, minutes } from '../core/clock.ts'
import { findVisibleMeeting, meetingPolicy } from './policy.ts'

export type RollRow = {
  inviteeId: string; personId: string; name: string; unitId: string | null; unitName: string; role: string; answer: string
  declineReason: string | null; substituteFor: string | null; answeredAt: Date | null
  checkedInAt: Date | null; checkInMethod: string | null; attendance: 'present' | 'late' | 'absent' | 'substitute' | 'declined' | 'expected'
}

/** Checked in within 5 minutes after the start counts as present, later as late. */
const LATE_AFTER = minutes(5)

/**
 * The organiser's roll (参会回执 and 签到), per unit: who answered what, who has not, units that have
 * not named anyone; after the start, attendance (present, late, absent, substitute).
 */
export async function meetingRoll(db: Db, actor: Actor, meetingId: string) {
  const meeting = await findVisibleMeeting(db, actor, meetingId)
  if (!meeting) throw new AppError('not_found')
  const unit = await db.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { path: true } })
  if (!meetingPolicy.mayManageMeeting(actor, meeting, unit)) throw new AppError('not_found')
  const invitees = await db.meetingInvitee.findMany({ where: { meetingId }, orderBy: { createdAt: 'asc' } })
  const people = await db.person.findMany({
    where: { id: { in: invitees.map((i) => i.personId) } },
    select: { id: true, name: true, posts: { where: { isPrimary: true }, select: { unitId: true, unit: { select: { name: true } } } } },
  })
  const personById = new Map(people.map((p) => [p.id, p]))
  const meetingUnits = await db.meetingUnit.findMany({ where: { meetingId } })
  const unitNames = new Map((await db.unit.findMany({ where: { id: { in: [...meetingUnits.map((u) => u.unitId), ...invitees.map((i) => i.viaUnitId).filter((x): x is string => !!x)] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  const byInvitee = new Map(invitees.map((i) => [i.id, i]))
  const started = clock.now() >= meeting.startsAt
  const rows: RollRow[] = invitees.map((i) => {
    const p = personById.get(i.personId)
    const unitId = i.viaUnitId ?? p?.posts[0]?.unitId ?? null
    const attendance: RollRow['attendance'] = i.answer === 'SUBSTITUTE' ? 'substitute' : i.answer === 'DECLINE' ? 'declined'
      : i.checkedInAt ? (i.checkedInAt.getTime() > meeting.startsAt.getTime() + LATE_AFTER ? 'late' : 'present') : started ? 'absent' : 'expected'
    return {
      inviteeId: i.id, personId: i.personId, name: p?.name ?? '', unitId, unitName: (i.viaUnitId ? unitNames.get(i.viaUnitId) : p?.posts[0]?.unit.name) ?? '',
      role: i.role, answer: i.answer, declineReason: i.declineReason,
      substituteFor: i.substituteForId ? (personById.get(byInvitee.get(i.substituteForId)?.personId ?? '')?.name ?? null) : null,
      answeredAt: i.answeredAt, checkedInAt: i.checkedInAt, checkInMethod: i.checkInMethod, attendance,
    }
  })
  const groups = new Map<string, { unitId: string | null; unitName: string; rows: RollRow[] }>()
  for (const r of rows) {
    const key = r.unitId ?? ''
    if (!groups.has(key)) groups.set(key, { unitId: r.unitId, unitName: r.unitName, rows: [] })
    groups.get(key)!.rows.push(r)
  }
  const count = (a: RollRow['answer']) => rows.filter((r) => r.answer === a).length
  return {
    meeting,
    totals: { invited: rows.length, attend: count('ATTEND'), decline: count('DECLINE'), substitute: count('SUBSTITUTE'), pending: count('PENDING'), checkedIn: rows.filter((r) => r.checkedInAt).length },
    groups: [...groups.values()],
    units: meetingUnits.map((u) => ({ unitId: u.unitId, name: unitNames.get(u.unitId) ?? '', quota: u.quota, namedAt: u.namedAt, named: invitees.filter((i) => i.viaUnitId === u.unitId && !i.substituteForId).length })),
  }
}
