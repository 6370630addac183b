import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { endOfShanghaiDay, shanghaiInstant } from '../core/clock.ts'
import { bulletinViewerOf, visibleItemsSql } from './policy.ts'
import { rankingInput } from './schemas.ts'
import type { z } from 'zod'

export type RankingRow = { unitId: string; unit: string; submitted: number; adopted: number; inIssues: number; score: number; rank: number }

/**
 * 信息排名: per unit over a period (Beijing dates), items submitted, adopted (采用), carried in an issue,
 * and the score — adoption points plus one for each item carried in an issue — ranked by score, then
 * adoptions. One statement; the office sees its units, a unit sees its own line.
 */
export async function bulletinRanking(db: Db | Tx, actor: Actor, input: z.input<typeof rankingInput>, options: { officeUnitId?: string } = {}): Promise<RankingRow[]> {
  const f = rankingInput.parse(input)
  const viewer = await bulletinViewerOf(db, actor)
  const office = options.officeUnitId ? Prisma.sql`AND b."officeUnitId" = ${options.officeUnitId}::uuid` : Prisma.empty
  return db.$queryRaw<RankingRow[]>(Prisma.sql`
    SELECT u.id AS "unitId", u.name AS unit, count(*)::int AS submitted,
           count(*) FILTER (WHERE b.status = 'ADOPTED')::int AS adopted,
           count(b."issueId")::int AS "inIssues",
           (sum(b.score) + count(b."issueId"))::int AS score,
           rank() OVER (ORDER BY sum(b.score) + count(b."issueId") DESC, count(*) FILTER (WHERE b.status = 'ADOPTED') DESC)::int AS rank
      FROM "BulletinItem" b JOIN "Unit" u ON u.id = b."unitId"
     WHERE ${visibleItemsSql(viewer)} ${office} AND b."submittedAt" >= ${shanghaiInstant(f.from)} AND b."submittedAt" <= ${endOfShanghaiDay(f.to)}
     GROUP BY u.id, u.name ORDER BY rank, u.name`)
}
