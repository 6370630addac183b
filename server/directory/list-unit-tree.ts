import type { Db, UnitKind } from '../core/db/index.ts'

export type UnitNode = {
  id: string
  parentId: string | null
  name: string
  shortName: string
  fullName: string | null
  organCode: string | null
  kind: UnitKind
  path: string
  depth: number
  sortOrder: number
  isActive: boolean
  memberCount: number
  children: UnitNode[]
}

/** The whole unit tree, ordered, with active member counts. A city's directory has hundreds of units, not more. */
export async function listUnitTree(db: Db, options: { includeInactive?: boolean } = {}): Promise<UnitNode[]> {
  const units = await db.unit.findMany({
    where: options.includeInactive ? {} : { isActive: true },
    orderBy: [{ depth: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }],
    include: { _count: { select: { posts: { where: { person: { isActive: true } } } } } },
  })
  const byId = new Map<string, UnitNode>()
  const roots: UnitNode[] = []
  for (const u of units) {
    const node: UnitNode = {
      id: u.id, parentId: u.parentId, name: u.name, shortName: u.shortName, fullName: u.fullName, organCode: u.organCode, kind: u.kind,
      path: u.path, depth: u.depth, sortOrder: u.sortOrder, isActive: u.isActive, memberCount: u._count.posts, children: [],
    }
    byId.set(u.id, node)
    const parent = u.parentId ? byId.get(u.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

export function flattenTree(nodes: UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)])
}

export async function getUnit(db: Db, unitId: string) {
  return db.unit.findUnique({ where: { id: unitId } })
}
