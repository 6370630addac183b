import type { Db, Prisma } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { visibleWhere, viewerOf, type Viewer } from './policy.ts'
import { lightOf, lightWhere } from './light.ts'
import { listItemsInput } from './schemas.ts'
import type { z } from 'zod'

/** Items where the viewer is an owner, or answers for a unit still to 签收. */
export function mineWhere(v: Viewer): Prisma.SupervisionItemWhereInput {
  const headOf = v.posts.filter((p) => p.leaderRank === 'PRINCIPAL').map((p) => p.unitId)
  return {
    status: { not: 'DRAFT' },
    assignments: { some: { OR: [{ ownerId: v.actor.personId, status: 'ACCEPTED' }, ...(headOf.length ? [{ status: 'PENDING' as const, unitId: { in: headOf } }] : [])] } },
  }
}

/** My items (我的事项) or everything the viewer sees, with lights; the newest deadline last. */
export async function listItems(db: Db, actor: Actor, input: z.input<typeof listItemsInput> = {}) {
  const f = listItemsInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  const where: Prisma.SupervisionItemWhereInput = {
    AND: [
      visibleWhere(viewer),
      ...(f.view === 'mine' ? [mineWhere(viewer)] : []),
      ...(f.light ? [lightWhere(f.light, now)] : []),
      ...(f.q ? [{ title: { contains: f.q } }] : []),
    ],
  }
  const rows = await db.supervisionItem.findMany({
    where, orderBy: [{ status: 'asc' }, { deadline: 'asc' }], take: 100,
    select: {
      id: true, title: true, status: true, deadline: true, nextReportDueAt: true, progress: true, source: true, depth: true, priority: true,
      assignments: { where: { status: { not: 'RETURNED' } }, select: { role: true, status: true, unit: { select: { name: true } } } },
    },
  })
  return rows.map((r) => ({ ...r, light: lightOf(r, now), units: r.assignments.map((a) => ({ name: a.unit.name, role: a.role, status: a.status })) }))
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number]
