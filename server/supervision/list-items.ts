import type { Db, Prisma } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { supervisionPolicy, visibleWhere, viewerOf, type Viewer } from './policy.ts'
import { lightOf, lightWhere } from './light.ts'
import { listItemsInput } from './schemas.ts'
import type { z } from 'zod'

/**
 * Items where the viewer is an owner, or answers for a unit still to 签收 — through an assignment of a
 * unit they belong to, so every such item passes the visibility rule's member clause by that same row:
 * the "mine" list needs no second visibility check (one semi-join on the owner's index, not two).
 */
export function mineWhere(v: Viewer): Prisma.SupervisionItemWhereInput {
  const headOf = v.posts.filter((p) => p.leaderRank === 'PRINCIPAL').map((p) => p.unitId)
  if (!v.memberUnitIds.length) return { id: { in: [] } }
  return {
    status: { not: 'DRAFT' },
    assignments: { some: { unitId: { in: v.memberUnitIds }, OR: [{ ownerId: v.actor.personId, status: 'ACCEPTED' }, ...(headOf.length ? [{ status: 'PENDING' as const, unitId: { in: headOf } }] : [])] } },
  }
}

/** My items (我的事项) or everything the viewer sees, with lights; the newest deadline last. */
export async function listItems(db: Db, actor: Actor, input: z.input<typeof listItemsInput> = {}) {
  const f = listItemsInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  const where: Prisma.SupervisionItemWhereInput = {
    AND: [
      f.view === 'mine' ? mineWhere(viewer) : visibleWhere(viewer),
      ...(f.light ? [lightWhere(f.light, now)] : []),
      ...(f.q ? [{ title: { contains: f.q } }] : []),
    ],
  }
  const rows = await db.supervisionItem.findMany({
    where, orderBy: [{ status: 'asc' }, { deadline: 'asc' }], take: 100,
    select: {
      id: true, title: true, status: true, deadline: true, nextReportDueAt: true, progress: true, source: true, depth: true, priority: true, officeUnitId: true, noticeDocumentId: true,
      assignments: { where: { status: { not: 'RETURNED' } }, select: { role: true, status: true, unit: { select: { name: true } } } },
    },
  })
  return rows.map((r) => ({
    ...r, light: lightOf(r, now), units: r.assignments.map((a) => ({ name: a.unit.name, role: a.role, status: a.status })),
    /** May be ticked for a 督办通知: the office's open item without one yet. */
    mayNotice: supervisionPolicy.mayDraftNotice(viewer, r),
  }))
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number]
