import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { checkAttachment } from '../documents/index.ts'
import { findVisibleMeeting, meetingPolicy } from './policy.ts'
import { lockMeeting } from './lock-meeting.ts'

export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024

/** 会议材料 for the meeting or one agenda item (PDF, Office files, images; the documents module's file check). */
export async function addMaterial(db: Db, actor: Actor, meetingId: string, file: { name: string; data: Uint8Array; agendaItemId?: string | null; withdrawAfterMeeting?: boolean }, context: RequestContext) {
  if (file.data.byteLength > MAX_MATERIAL_BYTES) throw new AppError('meeting.material_too_large')
  const checked = checkAttachment(file.name, file.data)
  return db.$transaction(async (tx) => {
    await lockMeeting(tx, actor, meetingId, { manage: true })
    if (file.agendaItemId && !(await tx.meetingAgendaItem.findFirst({ where: { id: file.agendaItemId, meetingId } }))) throw new AppError('not_found')
    const row = await tx.meetingMaterial.create({
      data: { meetingId, agendaItemId: file.agendaItemId ?? null, fileName: checked.fileName, contentType: checked.contentType, size: file.data.byteLength, content: Buffer.from(file.data), withdrawAfterMeeting: file.withdrawAfterMeeting ?? false, uploadedById: actor.personId, createdAt: clock.now() },
      select: { id: true, fileName: true, size: true },
    })
    await recordAudit(tx, { actor, action: 'meeting.material_add', objectType: 'Meeting', objectId: meetingId, details: { material: row.id, fileName: row.fileName, size: row.size }, context })
    return row
  })
}

/**
 * A material's bytes for an invitee (or the organisers), audited per download. Anyone else: not
 * found. Marked to be withdrawn after the meeting: gone once it has ended (the organisers keep it).
 */
export async function downloadMaterial(db: Db, actor: Actor, meetingId: string, materialId: string, context: RequestContext) {
  const meeting = await findVisibleMeeting(db, actor, meetingId)
  if (!meeting) throw new AppError('not_found')
  const [invitee, unit] = await Promise.all([
    db.meetingInvitee.findUnique({ where: { meetingId_personId: { meetingId, personId: actor.personId } } }),
    db.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { path: true } }),
  ])
  const mayManage = meetingPolicy.mayManageMeeting(actor, meeting, unit)
  if (!invitee && !mayManage) throw new AppError('not_found')
  const material = await db.meetingMaterial.findFirst({ where: { id: materialId, meetingId } })
  if (!material) throw new AppError('not_found')
  if (material.withdrawAfterMeeting && clock.now() > meeting.endsAt && !mayManage) throw new AppError('meeting.material_withdrawn')
  await db.$transaction(async (tx) => {
    await recordAudit(tx, { actor, action: 'meeting.material_download', objectType: 'Meeting', objectId: meetingId, details: { material: material.id, fileName: material.fileName }, context })
  })
  return { fileName: material.fileName, contentType: material.contentType, content: material.content }
}
