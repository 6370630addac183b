import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { reportViewerOf } from './policy.ts'

/** Where a unit stands on the board: 已报 / 未报 / 退回 / 逾期 (not submitted past the deadline). */
export type BoardState = 'submitted' | 'pending' | 'returned' | 'overdue'
export type BoardRow = { submissionId: string; unitId: string; unit: string; status: string; state: BoardState; updatedAt: Date | null; submittedAt: Date | null; urgeCount: number; revision: number }

/** The collection as the office sees it (its own only), or not found. */
export async function officeCollection(db: Db, actor: Actor, id: string) {
  const viewer = await reportViewerOf(db, actor)
  const c = await db.reportCollection.findFirst({
    where: { id, ownerUnitId: { in: viewer.officeUnitIds } },
    include: { version: { select: { id: true, version: true, definition: true, template: { select: { id: true, name: true } } } }, series: { select: { id: true, cycle: true, isActive: true } } },
  })
  if (!c) throw new AppError('not_found')
  return c
}

/**
 * 报送看板: each unit's state and the four counts, in one statement over the collection's
 * submissions (the state is computed in SQL from status and deadline).
 */
export async function collectionBoard(db: Db, actor: Actor, id: string) {
  const c = await officeCollection(db, actor, id)
  const now = clock.now()
  const rows = await db.$queryRaw<BoardRow[]>(Prisma.sql`
    SELECT s.id AS "submissionId", u.id AS "unitId", u.name AS unit, s.status::text AS status,
           CASE WHEN s.status = 'SUBMITTED' THEN 'submitted' WHEN s.status = 'RETURNED' THEN 'returned'
                WHEN ${now}::timestamptz > ${c.deadline}::timestamptz THEN 'overdue' ELSE 'pending' END AS state,
           s."updatedAt", s."submittedAt", s."urgeCount", s.revision
      FROM "ReportSubmission" s JOIN "Unit" u ON u.id = s."unitId"
     WHERE s."collectionId" = ${id}::uuid
     ORDER BY CASE WHEN s.status = 'SUBMITTED' THEN 1 ELSE 0 END, u.depth, u."sortOrder", u.name`)
  const counts = { submitted: 0, pending: 0, returned: 0, overdue: 0 }
  for (const r of rows) counts[r.state]++
  return { collection: c, rows, counts }
}
