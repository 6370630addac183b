import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { meetingPolicy } from './policy.ts'

/** Every active room, with its unit and whether the actor manages it (rooms are bookable across units). */
export async function listRooms(db: Db, actor: Actor) {
  const rooms = await db.meetingRoom.findMany({ where: { isActive: true }, orderBy: [{ unitId: 'asc' }, { name: 'asc' }] })
  const units = await db.unit.findMany({ where: { id: { in: [...new Set(rooms.map((r) => r.unitId))] } }, select: { id: true, name: true, path: true } })
  const byId = new Map(units.map((u) => [u.id, u]))
  return rooms.map((r) => {
    const unit = byId.get(r.unitId)!
    return { ...r, unitName: unit.name, isManaged: meetingPolicy.mayManageRoom(actor, unit) }
  })
}
