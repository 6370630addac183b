import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'

/** The actor's own seats on published rosters, from a time on. */
export async function myShifts(db: Db, actor: Actor, options: { from: Date; take?: number }) {
  const rows = await db.dutyAssignment.findMany({
    where: { personId: actor.personId, endsAt: { gt: options.from }, roster: { status: 'PUBLISHED' } },
    orderBy: { startsAt: 'asc' },
    take: options.take ?? 50,
    select: { id: true, rosterId: true, date: true, startsAt: true, endsAt: true, roleId: true, patternId: true, signedOnAt: true, roster: { select: { post: { select: { name: true, phone: true, unit: { select: { name: true } } } } } } },
  })
  const [roles, patterns] = await Promise.all([
    db.dutyShiftRole.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.roleId))] } }, select: { id: true, name: true } }),
    db.dutyShiftPattern.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.patternId))] } }, select: { id: true, name: true } }),
  ])
  const role = new Map(roles.map((r) => [r.id, r.name]))
  const pattern = new Map(patterns.map((p) => [p.id, p.name]))
  return rows.map((r) => ({
    id: r.id, rosterId: r.rosterId, date: r.date, startsAt: r.startsAt, endsAt: r.endsAt, signedOnAt: r.signedOnAt,
    role: role.get(r.roleId) ?? '', shift: pattern.get(r.patternId) ?? '', post: r.roster.post.name, postPhone: r.roster.post.phone, unit: r.roster.post.unit.name,
  }))
}
