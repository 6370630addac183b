import type { Db, Tx } from '../core/db/index.ts'
import { systemRoles } from '../core/authz/index.ts'

/**
 * Built-in roles exist in every installation; their permissions and whether they require a second
 * factor follow the code on each start (built-in roles are not edited, only copied).
 */
export async function ensureSystemRoles(db: Db | Tx): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const [key, role] of Object.entries(systemRoles)) {
    const fields = { name: role.name, nameEn: role.nameEn, permissions: [...role.permissions], requiresTotp: 'requiresTotp' in role && role.requiresTotp, isSystem: true }
    const row = await db.role.upsert({ where: { key }, create: { key, ...fields }, update: fields })
    ids.set(key, row.id)
  }
  return ids
}
