import type { Db } from '../core/db/index.ts'
import { unitIdsInScope, unitScopeWhere, type Actor } from '../core/authz/index.ts'

/** PENDING bookings of rooms the actor's office decides, oldest first. */
export async function listPendingBookings(db: Db, actor: Actor) {
  const units = await unitIdsInScope(db, actor, 'meeting.organise')
  if (!units.length) return []
  const rows = await db.roomBooking.findMany({
    where: { status: 'PENDING', room: { unitId: { in: units } } },
    include: { room: { select: { name: true } } }, orderBy: { startsAt: 'asc' }, take: 100,
  })
  const names = new Map((await db.unit.findMany({ where: { id: { in: rows.map((r) => r.unitId) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  return rows.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? '' }))
}

/** The units the actor may organise meetings for (book rooms, register rooms), in tree order. */
export async function organisableUnits(db: Db, actor: Actor) {
  return db.unit.findMany({ where: { AND: [unitScopeWhere(actor, 'meeting.organise'), { isActive: true }] }, select: { id: true, name: true, depth: true, path: true }, orderBy: [{ depth: 'asc' }, { sortOrder: 'asc' }], take: 500 })
}
