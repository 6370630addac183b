import { actorOf } from '../auth/index.ts'
import { holdersOver, type Actor } from '../core/authz/index.ts'
import type { Db, Prisma } from '../core/db/index.ts'
import { isUuid } from '../core/strings.ts'
import { viewerOf, visibleSql, visibleWhere } from './policy.ts'

/** Whether the person may see the item now (the one visibility rule; missing and invisible alike: false). */
export async function maySeeItem(db: Db, actor: Actor, itemId: string): Promise<boolean> {
  if (!isUuid(itemId)) return false
  return (await db.supervisionItem.count({ where: { AND: [{ id: itemId }, visibleWhere(await viewerOf(db, actor))] } })) > 0
}

/** The items the actor may see, as a condition on `"SupervisionItem" i` (for joining another module's rows). */
export async function visibleItemsSql(db: Db, actor: Actor): Promise<Prisma.Sql> {
  return visibleSql(await viewerOf(db, actor))
}

/**
 * Everyone the supervision policy lets see the item (messaging's thread): the office's holders of
 * supervision.manage, the people of the units it is assigned to (their subunits included) and the
 * leaders in charge of them, each then checked by the rule itself, so this never says more than it.
 */
export async function itemAudience(db: Db, itemId: string): Promise<string[]> {
  if (!isUuid(itemId)) return []
  const item = await db.supervisionItem.findUnique({
    where: { id: itemId },
    select: { officeUnit: { select: { path: true } }, assignments: { where: { status: { not: 'RETURNED' } }, select: { unit: { select: { path: true } } } } },
  })
  if (!item) return []
  const paths = item.assignments.map((a) => a.unit.path)
  const [office, members, leaders] = await Promise.all([
    holdersOver(db, 'supervision.manage', [item.officeUnit.path]),
    paths.length ? db.$queryRaw<{ personId: string }[]>`
      SELECT DISTINCT po."personId"::text AS "personId" FROM "Post" po JOIN "Unit" u ON u.id = po."unitId" JOIN "Person" p ON p.id = po."personId"
       WHERE p."isActive" AND u.path LIKE ANY(${paths.map((p) => `${p}%`)}::text[])` : [],
    paths.length ? db.$queryRaw<{ personId: string }[]>`
      SELECT DISTINCT lc."personId"::text AS "personId" FROM "LeaderCharge" lc JOIN "Unit" u ON u.id = lc."unitId"
       WHERE EXISTS (SELECT 1 FROM unnest(${paths}::text[]) AS t(path) WHERE t.path LIKE u.path || '%')` : [],
  ])
  const candidates = new Set([...office, ...members.map((m) => m.personId), ...leaders.map((l) => l.personId)])
  const audience: string[] = []
  for (const personId of candidates) {
    const actor = await actorOf(db, personId)
    if (actor && (await maySeeItem(db, actor, itemId))) audience.push(personId)
  }
  return audience
}

/** An item's title, for a thread's name (only after the caller has checked it may be seen). */
export async function itemTitle(db: Db, itemId: string): Promise<string | null> {
  return (await db.supervisionItem.findUnique({ where: { id: itemId }, select: { title: true } }))?.title ?? null
}
