import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import { hasPermission, unitIdsInScope, type Actor } from '../core/authz/index.ts'

/**
 * Who sees a supervision item (督办事项), the one rule for pages, lists, search, charts, exports and
 * photos: the supervision office that owns it (supervision.manage over the office unit); the units it
 * is assigned to (people with a post in the unit or under it), but only for items assigned to them —
 * never another unit's sub-items; the leaders in charge (分管) of an assigned unit or one above it.
 * Nobody else; what may not be seen answers not found.
 */
export type Viewer = {
  actor: Actor
  /** Office units the actor holds supervision.manage over. */
  officeUnitIds: string[]
  /** Units the actor belongs to, with every unit above them (an item for a department reaches its divisions). */
  memberUnitIds: string[]
  /** Units the actor holds a post in, with the post's rank. */
  posts: { unitId: string; path: string; leaderRank: string }[]
  /** Paths of units the actor is in charge of (分管); their subunits count. */
  chargePaths: string[]
}

export async function viewerOf(db: Db | Tx, actor: Actor): Promise<Viewer> {
  // Posts and charges in one statement (every supervision page and list starts here).
  const [officeUnitIds, rows] = await Promise.all([
    unitIdsInScope(db, actor, 'supervision.manage'),
    db.$queryRaw<{ charge: boolean; unitId: string; leaderRank: string | null; path: string }[]>`
      SELECT false AS charge, p."unitId", p."leaderRank"::text AS "leaderRank", u.path FROM "Post" p JOIN "Unit" u ON u.id = p."unitId" WHERE p."personId" = ${actor.personId}::uuid
      UNION ALL
      SELECT true, c."unitId", NULL, u.path FROM "LeaderCharge" c JOIN "Unit" u ON u.id = c."unitId" WHERE c."personId" = ${actor.personId}::uuid`,
  ])
  const posts = rows.filter((r) => !r.charge)
  const memberUnitIds = [...new Set(posts.flatMap((p) => p.path.split('/').filter(Boolean)))]
  return {
    actor, officeUnitIds, memberUnitIds,
    posts: posts.map((p) => ({ unitId: p.unitId, path: p.path, leaderRank: p.leaderRank! })),
    chargePaths: rows.filter((r) => r.charge).map((c) => c.path),
  }
}

const LIVE = { not: 'RETURNED' as const }

/** The visibility rule as a Prisma condition (lists, counts, search). */
export function visibleWhere(v: Viewer): Prisma.SupervisionItemWhereInput {
  const or: Prisma.SupervisionItemWhereInput[] = []
  if (v.officeUnitIds.length) or.push({ officeUnitId: { in: v.officeUnitIds } })
  if (v.memberUnitIds.length) or.push({ assignments: { some: { status: LIVE, unitId: { in: v.memberUnitIds } } } })
  if (v.chargePaths.length) or.push({ assignments: { some: { status: LIVE, unit: { OR: v.chargePaths.map((p) => ({ path: { startsWith: p } })) } } } })
  return or.length ? { OR: or } : { id: { in: [] } }
}

/** The same rule as SQL over the item alias `i` (dashboards and rankings aggregate in SQL). */
export function visibleSql(v: Viewer): Prisma.Sql {
  const parts: Prisma.Sql[] = []
  if (v.officeUnitIds.length) parts.push(Prisma.sql`i."officeUnitId" = ANY(${v.officeUnitIds}::uuid[])`)
  if (v.memberUnitIds.length) {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "SupervisionAssignment" a WHERE a."itemId" = i.id AND a.status <> 'RETURNED' AND a."unitId" = ANY(${v.memberUnitIds}::uuid[]))`)
  }
  if (v.chargePaths.length) {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "SupervisionAssignment" a JOIN "Unit" u ON u.id = a."unitId" WHERE a."itemId" = i.id AND a.status <> 'RETURNED' AND u.path LIKE ANY(${v.chargePaths.map((p) => `${p}%`)}::text[]))`)
  }
  return parts.length ? Prisma.sql`(${Prisma.join(parts, ' OR ')})` : Prisma.sql`FALSE`
}

type ItemForPolicy = { officeUnitId: string; officeUnit?: { path: string } }
type AssignmentForPolicy = { unitId: string; ownerId: string | null; status: string; unit: { path: string } }

export const supervisionPolicy = {
  /** The supervision office (督查室) may create items somewhere. */
  isOfficer: (actor: Actor) => hasPermission(actor, 'supervision.manage'),
  /** The office that owns the item: decompose, assign, urge, review, rate. */
  isOffice: (v: Viewer, item: ItemForPolicy) => v.officeUnitIds.includes(item.officeUnitId),
  /** 督办通知: the office, for its items in progress (or awaiting review) that have none yet. */
  mayDraftNotice: (v: Viewer, item: ItemForPolicy & { status: string; noticeDocumentId: string | null }) =>
    v.officeUnitIds.includes(item.officeUnitId) && (item.status === 'IN_PROGRESS' || item.status === 'COMPLETION_REQUESTED') && !item.noticeDocumentId,
  /** 签收/退回: the unit's head (主要负责人) or its registry (收发). */
  mayAnswer: (v: Viewer, a: AssignmentForPolicy) =>
    v.posts.some((p) => p.unitId === a.unitId && p.leaderRank === 'PRINCIPAL') || hasPermission(v.actor, 'document.register', { unitPath: a.unit.path }),
  /** Progress reports and 办结申请: the owner, or the unit's head. */
  mayReport: (v: Viewer, a: AssignmentForPolicy) =>
    a.status === 'ACCEPTED' && (a.ownerId === v.actor.personId || v.posts.some((p) => p.unitId === a.unitId && p.leaderRank === 'PRINCIPAL')),
}
