import ExcelJS from 'exceljs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, shanghaiDate } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { visibleWhere, viewerOf } from './policy.ts'
import { lightOf } from './light.ts'
import { computeRanking, type RankingRow } from './ranking.ts'
import type { PeriodInput } from './schemas.ts'

const LIGHT = { green: '绿灯', yellow: '黄灯', red: '红灯' }
const STATUS: Record<string, string> = { DRAFT: '待立项', IN_PROGRESS: '办理中', COMPLETION_REQUESTED: '办结申请', COMPLETED: '已办结' }
const SOURCE: Record<string, string> = { ASSIGNED_FROM_ABOVE: '上级交办', LEADER_INSTRUCTION: '领导批示', MEETING_DECISION: '会议议定', KEY_WORK: '重点工作', DEPUTY_SUGGESTION: '人大建议', COMMITTEE_PROPOSAL: '政协提案', MANUAL: '自定' }
const RATING: Record<string, string> = { EXCELLENT: '优秀', GOOD: '良好', FAIR: '一般', POOR: '较差' }

async function toBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer)
}

/** The items the viewer sees (and only those), as a workbook, up to 20,000 rows. */
export async function exportItems(db: Db, actor: Actor, context: RequestContext): Promise<Uint8Array<ArrayBuffer>> {
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  const items = await db.supervisionItem.findMany({
    where: visibleWhere(viewer), orderBy: [{ path: 'asc' }], take: 20_000,
    select: { id: true, title: true, source: true, sourceNumber: true, status: true, deadline: true, nextReportDueAt: true, completedAt: true, progress: true, depth: true, rating: true, score: true,
      assignments: { select: { role: true, status: true, ownerId: true, unit: { select: { name: true } } } } },
  })
  const owners = new Map((await db.person.findMany({ where: { id: { in: [...new Set(items.flatMap((i) => i.assignments.map((a) => a.ownerId)).filter((x): x is string => !!x))] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const sheet = workbook.addWorksheet('督办事项')
  sheet.addRow(['事项', '来源', '文号/提案号', '牵头单位', '配合单位', '责任人', '办理期限', '状态', '灯', '进度%', '办结时间', '评价']).font = { bold: true }
  for (const i of items) {
    const lead = i.assignments.filter((a) => a.role === 'LEAD')
    sheet.addRow([
      `${'　'.repeat(i.depth)}${i.title}`, SOURCE[i.source], i.sourceNumber, lead.map((a) => a.unit.name).join('、'),
      i.assignments.filter((a) => a.role === 'CO').map((a) => a.unit.name).join('、'),
      i.assignments.map((a) => (a.ownerId ? owners.get(a.ownerId) : '')).filter(Boolean).join('、'),
      shanghaiDate(i.deadline), STATUS[i.status], LIGHT[lightOf(i, now)], i.progress, i.completedAt ? shanghaiDate(i.completedAt) : '',
      i.rating ? `${RATING[i.rating]}${i.score !== null ? `（${i.score}）` : ''}` : '',
    ])
  }
  sheet.columns.forEach((c, n) => { c.width = n === 0 ? 40 : 14 })
  const bytes = await toBytes(workbook)
  await db.$transaction(async (tx) => recordAudit(tx, { actor, action: 'supervision.export', details: { kind: 'items', rows: items.length }, context }))
  return bytes
}

export function rankingWorkbookRows(rows: RankingRow[]) {
  return rows.map((r) => [r.rank, r.unit, r.due, r.onTime, r.onTimeRate, r.reports, r.punctuality, r.unitScore ?? '', r.rating ?? '', r.overdue])
}

/** The ranking (晾晒台) for a period, or a published snapshot, as a workbook. */
export async function exportRanking(db: Db, actor: Actor, input: PeriodInput | { rankingId: string }, context: RequestContext): Promise<Uint8Array<ArrayBuffer>> {
  let rows: RankingRow[]
  if ('rankingId' in input) {
    const published = await db.supervisionRanking.findUnique({ where: { id: input.rankingId }, select: { rows: true } })
    if (!published) throw new AppError('not_found')
    rows = published.rows as RankingRow[]
  } else rows = await computeRanking(db, actor, input)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const sheet = workbook.addWorksheet('晾晒台')
  sheet.addRow(['名次', '单位', '到期事项', '按期办结', '按期办结率%', '进展反馈', '按时反馈率%', '单位评价', '事项平均评价', '超期']).font = { bold: true }
  for (const r of rankingWorkbookRows(rows)) sheet.addRow(r)
  sheet.getColumn(2).width = 28
  const bytes = await toBytes(workbook)
  await db.$transaction(async (tx) => recordAudit(tx, { actor, action: 'supervision.export', details: { kind: 'ranking', rows: rows.length }, context }))
  return bytes
}
