import type { Db, Tx } from '../core/db/index.ts'

type Perm = 'report.fill' | 'report.review'

/**
 * For each unit, the active people holding `permission` over it (a grant on the unit, or one with
 * subunits above it); a unit where nobody holds it falls back to its head (主要负责人), so the work
 * always reaches someone. One statement for any number of units.
 */
export async function peopleFor(tx: Tx | Db, permission: Perm, unitIds: string[]): Promise<Map<string, string[]>> {
  if (unitIds.length === 0) return new Map()
  const rows = await tx.$queryRaw<{ unitId: string; personId: string }[]>`
    SELECT u.id AS "unitId", g."personId" FROM "Unit" u
      JOIN "Unit" gu ON gu.path = u.path OR u.path LIKE gu.path || '%'
      JOIN "RoleGrant" g ON g."unitId" = gu.id AND (gu.id = u.id OR g."includesSubunits")
      JOIN "Role" r ON r.id = g."roleId" AND ${permission} = ANY(r.permissions)
      JOIN "Person" p ON p.id = g."personId" AND p."isActive"
     WHERE u.id = ANY(${unitIds}::uuid[])
    UNION
    SELECT po."unitId", po."personId" FROM "Post" po JOIN "Person" p ON p.id = po."personId" AND p."isActive"
     WHERE po."unitId" = ANY(${unitIds}::uuid[]) AND po."leaderRank" = 'PRINCIPAL'
       AND NOT EXISTS (
         SELECT 1 FROM "Unit" u JOIN "Unit" gu ON gu.path = u.path OR u.path LIKE gu.path || '%'
           JOIN "RoleGrant" g ON g."unitId" = gu.id AND (gu.id = u.id OR g."includesSubunits")
           JOIN "Role" r ON r.id = g."roleId" AND ${permission} = ANY(r.permissions)
           JOIN "Person" p2 ON p2.id = g."personId" AND p2."isActive"
          WHERE u.id = po."unitId")`
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.personId])
  return out
}
