import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, shanghaiDate } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import type { ContentNode } from '../coediting/index.ts'
import { renderOfficialPdf } from '../rendering/index.ts'
import type { RankingRow } from './ranking.ts'

const text = (t: string): ContentNode => ({ type: 'text', text: t, marks: [], change: null })
const el = (name: string, children: ContentNode[], attrs: Record<string, unknown> = {}): ContentNode => ({ type: 'element', name, attrs, children, change: null })
const para = (t: string) => el('paragraph', [text(t)])
const written = (d: Date) => {
  const [y, m, day] = shanghaiDate(d).split('-').map(Number)
  return `${y}年${m}月${day}日`
}

/**
 * 督查通报: a published ranking (晾晒台) as a PDF in the official layout documents use (GB/T 9704,
 * server/rendering), issued in the name of the office's organisation. Published rankings are read by
 * everyone signed in, so is this.
 */
export async function rankingPdf(db: Db, _actor: Actor, rankingId: string): Promise<Uint8Array> {
  const ranking = await db.supervisionRanking.findUnique({ where: { id: rankingId } })
  if (!ranking) throw new AppError('not_found')
  const office = await db.unit.findUniqueOrThrow({ where: { id: ranking.officeUnitId }, select: { name: true, fullName: true, parent: { select: { name: true, fullName: true } } } })
  const organ = office.parent ? office.parent.fullName ?? office.parent.name : office.fullName ?? office.name
  const rows = ranking.rows as RankingRow[]
  const period = `${written(ranking.periodStart)}至${written(ranking.periodEnd)}`
  const best = rows.filter((r) => r.due > 0).slice(0, 3).map((r) => r.unit)
  const overdue = rows.filter((r) => r.overdue > 0).map((r) => `${r.unit}（${r.overdue}项）`)
  const header = ['名次', '单位', '到期事项', '按期办结率', '按时反馈率', '单位评价', '事项评价', '超期']
  const table = el('table', [
    el('tableRow', header.map((h) => el('tableHeader', [para(h)]))),
    ...rows.map((r) => el('tableRow', [String(r.rank), r.unit, String(r.due), `${r.onTimeRate}%`, `${r.punctuality}%`, r.unitScore == null ? '—' : String(r.unitScore), r.rating === null ? '—' : String(r.rating), String(r.overdue)].map((c) => el('tableCell', [para(c)])))),
  ])
  const body: ContentNode[] = [
    para(`为推动各项工作落到实处，现将${period}督办事项办理情况通报如下。`),
    el('heading', [text('一、总体情况')], { level: 1 }),
    para(`本期共有 ${rows.length} 个单位承办到期督办事项 ${rows.reduce((n, r) => n + r.due, 0)} 项，按期办结 ${rows.reduce((n, r) => n + r.onTime, 0)} 项，超期 ${rows.reduce((n, r) => n + r.overdue, 0)} 项。`),
    ...(best.length ? [para(`${best.join('、')}等单位按期办结率、反馈及时率位居前列，予以通报表扬。`)] : []),
    ...(overdue.length ? [para(`${overdue.join('、')}存在超期未办结事项，请抓紧办理并说明原因。`)] : []),
    el('heading', [text('二、排名情况')], { level: 1 }),
    table,
  ]
  const { pdf } = await renderOfficialPdf({
    organName: organ, kind: 'CIRCULAR', title: `关于${period}督办事项办理情况的通报`, number: null,
    mainRecipients: '各有关单位', body, issuerName: organ, date: written(clock.now()), printingOrgan: office.fullName ?? office.name, printingDate: written(ranking.publishedAt),
  })
  return pdf
}
