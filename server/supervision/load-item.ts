import type { Db, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { visibleWhere, type Viewer } from './policy.ts'
import { lockItem } from './timeline.ts'

const include = { assignments: { include: { unit: { select: { id: true, name: true, path: true } } }, orderBy: { createdAt: 'asc' as const } } } as const

/** The item if the viewer may see it (locked FOR UPDATE when asked), else not found. */
export async function loadItem(tx: Db | Tx, viewer: Viewer, id: string, options: { forUpdate?: boolean; revision?: number } = {}) {
  if (options.forUpdate) await lockItem(tx as Tx, id)
  const item = await tx.supervisionItem.findFirst({ where: { AND: [{ id }, visibleWhere(viewer)] }, include })
  if (!item) throw new AppError('not_found')
  if (options.revision !== undefined && options.revision !== item.revision) throw new AppError('supervision.stale')
  return item
}

export type LoadedItem = Awaited<ReturnType<typeof loadItem>>
