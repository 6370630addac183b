import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { meetingPolicy } from './policy.ts'
import { createRoomInput, type CreateRoomInput } from './schemas.ts'

/** Register a 会议室 of a unit the actor organises for. */
export async function createRoom(db: Db, actor: Actor, input: CreateRoomInput, context: RequestContext) {
  const fields = createRoomInput.parse(input)
  const unit = await db.unit.findFirst({ where: { id: fields.unitId, isActive: true }, select: { id: true, path: true } })
  if (!unit) throw new AppError('not_found')
  if (!meetingPolicy.mayManageRoom(actor, unit)) throw new AppError('forbidden')
  return db.$transaction(async (tx) => {
    const room = await tx.meetingRoom.create({ data: { ...fields } })
    await recordAudit(tx, { actor, action: 'meeting.room_create', objectType: 'MeetingRoom', objectId: room.id, details: { name: room.name, unitId: room.unitId }, context })
    return room
  })
}
