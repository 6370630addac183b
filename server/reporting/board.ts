import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { reportViewerOf } from './policy.ts'

/** Where a unit stands on the board: 已报 / 未报 / 退回 / 逾期 (not submitted past the deadline). */
export type BoardState = 'submitted' | 'pending' | 'returned' | 'overdue'
export type BoardRow = { submissionId: string; unitId: string; unit: string; status: string; state: BoardState; updatedAt: Date | null; submittedAt: Date | null; urgeCount: number; revision: number }

/**
 * The collection as the office sees it (its own only), or not found. A grant of report.collect on the
 * owning office itself (the usual case) decides without another statement; otherwise the units in the
 * actor's scope are read (a grant over a unit above the office).
 */
export async function officeCollection(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError('not_found')
  const c = await db.reportCollection.findUnique({
    where: { id },
    include: { version: { select: { id: true, version: true, definition: true, template: { select: { id: true, name: true } } } }, series: { select: { id: true, cycle: true, isActive: true } } },
  })
  if (!c) throw new AppError('not_found')
  const onOffice = actor.grants.some((g) => g.permissions.includes('report.collect') && g.scopePath.endsWith(`/${c.ownerUnitId}/`))
  if (!onOffice && !(await reportViewerOf(db, actor)).officeUnitIds.includes(c.ownerUnitId)) throw new AppError('not_found')
  return c
}

/**
 * 报送看板: each unit's state and the four counts, in one statement over the collection's
 * submissions (the state is computed in SQL from status and deadline). It runs beside the
 * collection's check (one round trip, not two); its rows are returned only once that check passes.
 */
export async function collectionBoard(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError('not_found')
  const now = clock.now()
  const [c, rows] = await Promise.all([officeCollection(db, actor, id), db.$queryRaw<BoardRow[]>(Prisma.sql`
    SELECT s.id AS "submissionId", u.id AS "unitId", u.name AS unit, s.status::text AS status,
           CASE WHEN s.status = 'SUBMITTED' THEN 'submitted' WHEN s.status = 'RETURNED' THEN 'returned'
                WHEN ${now}::timestamptz > c.deadline THEN 'overdue' ELSE 'pending' END AS state,
           s."updatedAt", s."submittedAt", s."urgeCount", s.revision
      FROM "ReportSubmission" s JOIN "Unit" u ON u.id = s."unitId" JOIN "ReportCollection" c ON c.id = s."collectionId"
     WHERE s."collectionId" = ${id}::uuid
     ORDER BY CASE WHEN s.status = 'SUBMITTED' THEN 1 ELSE 0 END, u.depth, u."sortOrder", u.name`)])
  const counts = { submitted: 0, pending: 0, returned: 0, overdue: 0 }
  for (const r of rows) counts[r.state]++
  return { collection: c, rows, counts }
}
