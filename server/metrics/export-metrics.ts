import ExcelJS from 'exceljs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { metricsDashboard, ratesOf, type DashboardInput } from './dashboard.ts'

const PERIOD = { day: '日', week: '周', month: '月' } as const

/** The dashboard the viewer sees (same scope, same figures) as a workbook: trend, unit ranking, step times. Audited. */
export async function exportMetrics(db: Db, actor: Actor, input: DashboardInput, context: RequestContext): Promise<Uint8Array<ArrayBuffer>> {
  const d = await metricsDashboard(db, actor, input)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const trend = workbook.addWorksheet('趋势')
  trend.addRow([`${PERIOD[d.period]}起`, '止', '账号人数', '已开通', '开通率%', '活跃人数', '活跃度%', '办理公文', '办理环节', '平均每环节（小时）', '召开会议', '督办反馈', '发送消息', '已安装应用', '应用打开次数']).font = { bold: true }
  for (const b of d.buckets) {
    const r = ratesOf(b)
    trend.addRow([b.start, b.end, b.accounts, b.activated, r.activationRate, b.active, r.activityRate, b.documentsHandled, b.stepsHandled, b.stepHours ?? '', b.meetingsHeld, b.supervisionReports, b.messagesSent, b.appsInstalled, b.appOpens])
  }
  const ranking = workbook.addWorksheet('单位排名')
  ranking.addRow(['名次', '单位', '账号人数', '已开通', '开通率%', '活跃人数', '活跃度%']).font = { bold: true }
  d.ranking.forEach((r, i) => ranking.addRow([i + 1, r.name, r.accounts, r.activated, r.activationRate, r.active, r.activityRate]))
  const steps = workbook.addWorksheet('环节办理时长')
  steps.addRow(['环节', '办理次数', '平均时长（小时）']).font = { bold: true }
  for (const s of d.steps) steps.addRow([s.name, s.tasks, s.hours])
  for (const sheet of [trend, ranking, steps]) sheet.columns.forEach((c, n) => { c.width = n === 1 && sheet === ranking ? 28 : 14 })
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer)
  await db.$transaction(async (tx) => recordAudit(tx, { actor, action: 'metrics.export', details: { period: d.period, from: d.from, to: d.to, unitId: d.focus?.id ?? null, units: d.ranking.length }, context }))
  return bytes
}
