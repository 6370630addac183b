import type { Db } from '../core/db/index.ts'

/** A person's seats on published rosters overlapping [from, to): a ranged read on (personId, startsAt). */
export async function shiftsBetween(db: Db, personId: string, from: Date, to: Date) {
  const rows = await db.dutyAssignment.findMany({
    where: { personId, startsAt: { lt: to }, endsAt: { gt: from }, roster: { status: 'PUBLISHED' } },
    orderBy: { startsAt: 'asc' },
    take: 200,
    select: { id: true, rosterId: true, startsAt: true, endsAt: true, roleId: true, roster: { select: { post: { select: { name: true } } } } },
  })
  const roles = rows.length ? await db.dutyShiftRole.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.roleId))] } }, select: { id: true, name: true } }) : []
  const role = new Map(roles.map((r) => [r.id, r.name]))
  return rows.map((r) => ({ id: r.id, rosterId: r.rosterId, startsAt: r.startsAt, endsAt: r.endsAt, role: role.get(r.roleId) ?? '', post: r.roster.post.name }))
}
