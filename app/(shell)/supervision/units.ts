import { db } from '@/server/core/db/index.ts'
import type { UnitOption } from './ItemForm.tsx'

/** Active units under the top-level organisations, indented by depth, for the office's unit pickers. */
export async function unitOptions(): Promise<UnitOption[]> {
  const units = await db().unit.findMany({ where: { isActive: true, depth: { gte: 1, lte: 3 } }, orderBy: [{ path: 'asc' }], select: { id: true, name: true, depth: true, path: true, sortOrder: true }, take: 1000 })
  return units.map((u) => ({ id: u.id, label: `${'　'.repeat(u.depth - 1)}${u.name}` }))
}
