import { db } from '@/server/core/db/index.ts'
import { flattenTree, listUnitTree } from '@/server/directory/index.ts'

/** Active units as indented options for pickers. */
export async function unitOptions() {
  return flattenTree(await listUnitTree(db())).map((u) => ({ id: u.id, label: `${'　'.repeat(u.depth)}${u.name}` }))
}
