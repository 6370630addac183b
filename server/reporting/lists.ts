import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { reportViewerOf } from './policy.ts'

/** The office's collections, newest first, each with its four counts (one statement). */
export async function listCollections(db: Db, actor: Actor) {
  const viewer = await reportViewerOf(db, actor)
  if (!viewer.officeUnitIds.length) return []
  const now = clock.now()
  return db.$queryRaw<{ id: string; title: string; deadline: Date; period: string; total: number; submitted: number; returned: number; overdue: number }[]>(Prisma.sql`
    SELECT c.id, c.title, c.deadline, c.period, count(s.id)::int AS total,
           count(*) FILTER (WHERE s.status = 'SUBMITTED')::int AS submitted,
           count(*) FILTER (WHERE s.status = 'RETURNED')::int AS returned,
           count(*) FILTER (WHERE s.status NOT IN ('SUBMITTED', 'RETURNED') AND c.deadline < ${now})::int AS overdue
      FROM "ReportCollection" c LEFT JOIN "ReportSubmission" s ON s."collectionId" = c.id
     WHERE c."ownerUnitId" = ANY(${viewer.officeUnitIds}::uuid[])
     GROUP BY c.id ORDER BY c."createdAt" DESC LIMIT 100`)
}

/** The submissions of the viewer's own units (fill or review), open ones first. */
export async function listMySubmissions(db: Db, actor: Actor) {
  const viewer = await reportViewerOf(db, actor)
  if (!viewer.unitPatterns.length) return []
  return db.$queryRaw<{ id: string; title: string; deadline: Date; unit: string; status: string; returnReason: string }[]>(Prisma.sql`
    SELECT s.id, c.title, c.deadline, u.name AS unit, s.status::text AS status, s."returnReason"
      FROM "ReportSubmission" s JOIN "Unit" u ON u.id = s."unitId" JOIN "ReportCollection" c ON c.id = s."collectionId"
     WHERE u.path LIKE ANY(${viewer.unitPatterns}::text[])
     ORDER BY CASE WHEN s.status = 'SUBMITTED' THEN 1 ELSE 0 END, c.deadline DESC LIMIT 100`)
}
