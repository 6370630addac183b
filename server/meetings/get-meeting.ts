import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { findVisibleMeeting, meetingPolicy } from './policy.ts'

/** A meeting as its page shows it, with what the viewer may do. Invisible answers not found. */
export async function getMeeting(db: Db, actor: Actor, meetingId: string) {
  const meeting = await findVisibleMeeting(db, actor, meetingId)
  if (!meeting) throw new AppError('not_found')
  const [unit, chair, booking, me, units, agenda, materials, decisions] = await Promise.all([
    db.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { id: true, name: true, path: true } }),
    db.person.findUniqueOrThrow({ where: { id: meeting.chairId }, select: { id: true, name: true } }),
    db.roomBooking.findUnique({ where: { meetingId }, include: { room: { select: { id: true, name: true, location: true } } } }),
    db.meetingInvitee.findUnique({ where: { meetingId_personId: { meetingId, personId: actor.personId } } }),
    db.meetingUnit.findMany({ where: { meetingId } }),
    db.meetingAgendaItem.findMany({ where: { meetingId }, orderBy: { position: 'asc' } }),
    db.meetingMaterial.findMany({ where: { meetingId }, select: { id: true, fileName: true, size: true, agendaItemId: true, withdrawAfterMeeting: true, createdAt: true }, orderBy: { createdAt: 'asc' } }),
    db.meetingDecision.findMany({ where: { meetingId }, orderBy: { createdAt: 'asc' } }),
  ])
  const unitRows = await db.unit.findMany({ where: { id: { in: [...units.map((u) => u.unitId), ...decisions.map((d) => d.ownerUnitId)] } }, select: { id: true, name: true, path: true } })
  const unitById = new Map(unitRows.map((u) => [u.id, u]))
  const presenterIds = agenda.map((a) => a.presenterId).filter((x): x is string => !!x)
  const presenters = new Map((await db.person.findMany({ where: { id: { in: presenterIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  const mayManage = meetingPolicy.mayManageMeeting(actor, meeting, unit)
  return {
    meeting, organiserUnit: unit, chair, booking, me, mayManage,
    /** Units this viewer names attendees for. */
    units: units.map((u) => ({ ...u, name: unitById.get(u.unitId)?.name ?? '', mayName: meetingPolicy.mayNameForUnit(actor, unitById.get(u.unitId) ?? { path: '' }) })),
    agenda: agenda.map((a) => ({ ...a, presenterName: a.presenterId ? (presenters.get(a.presenterId) ?? '') : '' })),
    // 会议材料 only for invitees (and the organisers who posted them).
    materials: me || mayManage ? materials : [],
    decisions: decisions.map((d) => ({ ...d, ownerUnitName: unitById.get(d.ownerUnitId)?.name ?? '' })),
  }
}
