import type { Db } from '../core/db/index.ts'

export async function listRoles(db: Db) {
  return db.role.findMany({ orderBy: [{ isSystem: 'desc' }, { name: 'asc' }], include: { _count: { select: { grants: true } } } })
}
