import ExcelJS from 'exceljs'
import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { listBulletinRankings } from './published-rankings.ts'

/** A published ranking as a workbook (信息排名), exactly as published; the export is audited. */
export async function exportBulletinRanking(db: Db, actor: Actor, id: string, context: RequestContext): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
  const [ranking] = isUuid(id) ? await listBulletinRankings(db, { id, limit: 1 }) : []
  if (!ranking) throw new AppError('not_found')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const sheet = workbook.addWorksheet('信息排名')
  sheet.addRow([`${ranking.office} 信息报送排名（${ranking.periodFrom} 至 ${ranking.periodTo}）`]).font = { bold: true }
  sheet.addRow(['名次', '单位', '报送', '采用', '编入期刊', '得分']).font = { bold: true }
  for (const r of ranking.rows) sheet.addRow([r.rank, r.unit, r.submitted, r.adopted, r.inIssues, r.score])
  sheet.getColumn(2).width = 28
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer)
  await db.$transaction((tx) => recordAudit(tx, { actor, action: 'bulletin.export_ranking', objectType: 'BulletinRanking', objectId: ranking.id, details: { rows: ranking.rows.length }, context }))
  return { bytes, name: `信息排名-${ranking.periodFrom}-${ranking.periodTo}.xlsx` }
}
