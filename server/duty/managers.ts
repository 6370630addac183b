import type { Tx } from '../core/db/index.ts'

/**
 * Active holders of a permission over a unit: grants on the unit itself, or on a unit above it with its
 * subunits. `above` keeps only grants from units strictly above (the upper duty office for 报备).
 */
export async function holdersOver(tx: Tx, permission: 'duty.manage' | 'duty.oversee', unitPath: string, options: { above?: boolean } = {}): Promise<string[]> {
  const grants = await tx.roleGrant.findMany({
    where: { role: { permissions: { has: permission } }, person: { isActive: true }, unit: { isActive: true } },
    select: { personId: true, includesSubunits: true, unit: { select: { path: true } } },
  })
  return [...new Set(grants.filter((g) => {
    if (options.above && g.unit.path === unitPath) return false
    return g.includesSubunits ? unitPath.startsWith(g.unit.path) : g.unit.path === unitPath
  }).map((g) => g.personId))]
}
