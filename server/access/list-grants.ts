import type { Db } from '../core/db/index.ts'

export async function listGrants(db: Db, filter: { personId?: string; roleId?: string } = {}) {
  return db.roleGrant.findMany({
    where: filter,
    orderBy: { createdAt: 'desc' },
    take: 500,
    include: {
      person: { select: { id: true, name: true, account: true } },
      role: { select: { id: true, name: true, nameEn: true, permissions: true } },
      unit: { select: { id: true, name: true, path: true } },
    },
  })
}
