import type { Db, Tx } from '../core/db/index.ts'
import { systemRoles } from '../core/authz/index.ts'

/** Built-in roles exist in every installation; their permissions follow the code on each start. */
export async function ensureSystemRoles(db: Db | Tx): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const [key, role] of Object.entries(systemRoles)) {
    const row = await db.role.upsert({
      where: { key },
      create: { key, name: role.name, nameEn: role.nameEn, permissions: [...role.permissions], isSystem: true },
      update: { name: role.name, nameEn: role.nameEn, permissions: [...role.permissions], isSystem: true },
    })
    ids.set(key, row.id)
  }
  return ids
}
