import type { Db } from '../core/db/index.ts'
import type { RankingRow } from './ranking.ts'

export type PublishedRanking = { id: string; officeUnitId: string; office: string; periodFrom: string; periodTo: string; publishedAt: Date; rows: RankingRow[] }

/**
 * Published rankings (信息排名通报), newest first: everyone signed in may read them, as supervision's
 * published rankings (a 通报 is public within the government). What was published never changes.
 */
export async function listBulletinRankings(db: Db, options: { limit?: number; id?: string } = {}): Promise<PublishedRanking[]> {
  const rows = await db.bulletinRanking.findMany({ where: options.id ? { id: options.id } : {}, orderBy: { publishedAt: 'desc' }, take: options.limit ?? 20 })
  const offices = new Map((await db.unit.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.officeUnitId))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  return rows.map((r) => ({ id: r.id, officeUnitId: r.officeUnitId, office: offices.get(r.officeUnitId) ?? '', periodFrom: r.periodFrom, periodTo: r.periodTo, publishedAt: r.publishedAt, rows: r.rows as RankingRow[] }))
}
