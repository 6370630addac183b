import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { reportViewerOf } from './policy.ts'
import type { Definition } from './definition.ts'

/** The office's templates, newest first, with their latest version. */
export async function listTemplates(db: Db, actor: Actor) {
  const viewer = await reportViewerOf(db, actor)
  if (!viewer.officeUnitIds.length) return []
  const rows = await db.reportTemplate.findMany({
    where: { ownerUnitId: { in: viewer.officeUnitIds } }, orderBy: { createdAt: 'desc' }, take: 200,
    include: { versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true, createdAt: true } } },
  })
  return rows.map((t) => ({ id: t.id, name: t.name, revision: t.revision, latest: t.versions[0]! }))
}

/** One template with its latest version's definition and the list of its versions (office only). */
export async function getTemplate(db: Db, actor: Actor, id: string) {
  const viewer = await reportViewerOf(db, actor)
  const t = await db.reportTemplate.findFirst({
    where: { id, ownerUnitId: { in: viewer.officeUnitIds } },
    include: { versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, createdAt: true, definition: true, _count: { select: { collections: true } } } } },
  })
  if (!t) throw new AppError('not_found')
  return {
    id: t.id, name: t.name, revision: t.revision,
    definition: t.versions[0]!.definition as Definition,
    versions: t.versions.map((v) => ({ id: v.id, version: v.version, createdAt: v.createdAt, collections: v._count.collections })),
  }
}
