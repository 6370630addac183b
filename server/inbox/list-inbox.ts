import type { Db } from '../core/db/index.ts'
import { Prisma } from '../core/db/index.ts'
import { inboxFilter, type InboxFilter } from './schemas.ts'

/**
 * One page of a person's inbox, newest first. Always scoped to the person: nobody lists another's
 * items. Keyset paging on (createdAt, id) keeps every page as fast as the first.
 */
export async function listInbox(db: Db, personId: string, filter: InboxFilter = {}) {
  const f = inboxFilter.parse(filter)
  const where: Prisma.InboxItemWhereInput = {
    personId,
    ...(f.view === 'done' ? { state: 'DONE' } : { state: 'OPEN', kind: f.view === 'todo' ? 'TODO' : 'TO_READ' }),
    ...(f.module ? { module: f.module } : {}),
    ...(f.urgency ? { urgency: f.urgency } : {}),
    ...(f.dueBefore ? { dueAt: { lt: f.dueBefore } } : {}),
    ...(f.unitId ? { unitId: f.unitId } : {}),
    ...(f.q ? { OR: [{ title: { contains: f.q, mode: 'insensitive' } }, { source: { contains: f.q, mode: 'insensitive' } }] } : {}),
  }
  if (f.after) {
    const last = await db.inboxItem.findFirst({ where: { id: f.after, personId }, select: { createdAt: true, id: true } })
    if (last) where.AND = [{ OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }] }]
  }
  const items = await db.inboxItem.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: f.limit + 1,
    select: { id: true, kind: true, module: true, objectType: true, objectId: true, title: true, source: true, url: true, urgency: true, dueAt: true, state: true, createdAt: true, doneAt: true },
  })
  const hasMore = items.length > f.limit
  const page = hasMore ? items.slice(0, f.limit) : items
  return { items: page, nextAfter: hasMore ? page.at(-1)!.id : null }
}

export type InboxPage = Awaited<ReturnType<typeof listInbox>>

/** Open counts for the badge: to-do and to-read. */
export async function countOpenInbox(db: Db, personId: string): Promise<{ todo: number; toread: number }> {
  const rows = await db.inboxItem.groupBy({ by: ['kind'], where: { personId, state: 'OPEN' }, _count: { _all: true } })
  return {
    todo: rows.find((r) => r.kind === 'TODO')?._count._all ?? 0,
    toread: rows.find((r) => r.kind === 'TO_READ')?._count._all ?? 0,
  }
}

/**
 * Open counts of many people in one statement (the live badges: a notice to 500 people changes 500
 * inboxes at once, and 500 separate counts held the web process for seconds). Everyone asked is in
 * the answer, with zeros when they have nothing open.
 */
export async function countOpenInboxes(db: Db, personIds: string[]): Promise<Map<string, { todo: number; toread: number }>> {
  const counts = new Map(personIds.map((id) => [id, { todo: 0, toread: 0 }]))
  if (personIds.length === 0) return counts
  const rows = await db.inboxItem.groupBy({ by: ['personId', 'kind'], where: { personId: { in: personIds }, state: 'OPEN' }, _count: { _all: true } })
  for (const r of rows) {
    const c = counts.get(r.personId)!
    if (r.kind === 'TODO') c.todo = r._count._all
    else if (r.kind === 'TO_READ') c.toread = r._count._all
  }
  return counts
}

/** The modules and source units a person's items come from, for the filter menus. */
export async function inboxFacets(db: Db, personId: string) {
  const modules = await db.inboxItem.findMany({ where: { personId }, distinct: ['module'], select: { module: true }, take: 20 })
  const unitIds = await db.inboxItem.findMany({ where: { personId, unitId: { not: null } }, distinct: ['unitId'], select: { unitId: true }, take: 50 })
  const units = await db.unit.findMany({ where: { id: { in: unitIds.map((u) => u.unitId!) } }, select: { id: true, name: true }, orderBy: { name: 'asc' } })
  return { modules: modules.map((m) => m.module), units }
}

/** The tab the inbox opens on: 待办, unless there is nothing to do and something to read. */
export function defaultInboxView(open: { todo: number; toread: number }): 'todo' | 'toread' {
  return open.todo === 0 && open.toread > 0 ? 'toread' : 'todo'
}
