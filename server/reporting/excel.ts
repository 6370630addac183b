import ExcelJS from 'exceljs'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { fieldsOf, type Definition, type Field } from './definition.ts'
import { checkValues, type ValueIssue, type Values } from './values.ts'
import { loadSubmission } from './load-submission.ts'
import { collectionSummary } from './summary.ts'
import { officeCollection } from './board.ts'

/**
 * Offline filling (离线填报): the template as a workbook — sheet 填报 with one row per field (label,
 * code, value, hint), and one sheet per table field with its columns — and the same workbook read
 * back. Every bad cell is reported by sheet, row and column (the API words it in the user's language).
 */
const MAIN = '填报'
const HEADER_ROWS = 1
const VALUE_COL = 3
const colLetter = (n: number) => { let s = ''; for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s }
const tableSheetName = (f: Field, i: number) => `${i + 1}-${f.label}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31)

function hint(f: { type: string; measure?: string; min?: number; max?: number; options?: string[]; help?: string; required?: boolean }) {
  const parts = [f.required ? '必填' : '', f.measure ? `单位：${f.measure}` : '', f.min !== undefined ? `≥${f.min}` : '', f.max !== undefined ? `≤${f.max}` : '',
    f.options ? `可选：${f.options.join('、')}${f.type === 'multiChoice' ? '（多选用、分隔）' : ''}` : '', f.type === 'date' ? '格式：2026-12-31' : '', f.help ?? '']
  return parts.filter(Boolean).join('；')
}

async function toBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer)
}

const cellText = (v: unknown) => (Array.isArray(v) ? v.join('、') : v === undefined || v === null ? '' : typeof v === 'object' ? (v as { name?: string }).name ?? '' : v as string | number)

/** The template of a submission as a workbook, with what the unit has saved so far. */
export async function submissionWorkbook(db: Db, actor: Actor, id: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
  const s = await loadSubmission(db, actor, id)
  const values = s.values as Values
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const main = workbook.addWorksheet(MAIN)
  main.columns = [{ width: 28 }, { width: 14 }, { width: 30 }, { width: 50 }]
  main.addRow(['项目', '代码（请勿修改）', '填写值', '说明']).font = { bold: true }
  const fields = fieldsOf(s.definition)
  for (const f of fields.filter((x) => x.type !== 'table' && x.type !== 'attachment')) {
    const row = main.addRow([f.label, f.key, cellText(values[f.key]), hint(f)])
    if (f.type === 'choice') row.getCell(VALUE_COL).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${f.options!.join(',')}"`] }
  }
  fields.filter((x) => x.type === 'table').forEach((f, i) => {
    const sheet = workbook.addWorksheet(tableSheetName(f, i))
    sheet.addRow(f.columns!.map((c) => c.label)).font = { bold: true }
    sheet.columns = f.columns!.map(() => ({ width: 20 }))
    for (const r of (values[f.key] as Values[] | undefined) ?? []) sheet.addRow(f.columns!.map((c) => cellText(r[c.key])))
    sheet.getCell(1, f.columns!.length + 2).value = `代码：${f.key}；${f.columns!.map((c) => `${c.label}：${hint(c) || '—'}`).join('；')}`
  })
  return { bytes: await toBytes(workbook), name: `${s.collection.title}-${s.unit.name}.xlsx` }
}

function readCell(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return undefined
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('result' in v) return readCell(v.result as ExcelJS.CellValue)
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('text' in v) return String(v.text)
    return undefined
  }
  return typeof v === 'string' ? v.trim() : v
}

export type CellIssue = { path: [string, number, string]; code: string; message: string; minimum?: number; maximum?: number; origin?: string }

/** Read a filled workbook back into values; problems come back at their cells. */
export async function readWorkbook(definition: Definition, bytes: Uint8Array): Promise<{ values: Values; issues: CellIssue[] }> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  } catch {
    throw new AppError('reporting.import_file')
  }
  const main = workbook.getWorksheet(MAIN)
  if (!main) throw new AppError('reporting.import_file')
  const fields = fieldsOf(definition)
  const raw: Values = {}
  const where = new Map<string, [string, number, string]>()
  main.eachRow((row, n) => {
    if (n <= HEADER_ROWS) return
    const key = readCell(row.getCell(2).value)
    const f = fields.find((x) => x.key === key)
    if (!f || f.type === 'table' || f.type === 'attachment') return
    let v = readCell(row.getCell(VALUE_COL).value)
    if (f.type === 'multiChoice' && typeof v === 'string') v = v.split(/[、,，]/).map((x) => x.trim()).filter(Boolean)
    if (f.type === 'date' && typeof v === 'string') v = v.replace(/[/.]/g, '-').replace(/-(\d)(?=-|$)/g, '-0$1')
    raw[f.key] = v
    where.set(f.key, [MAIN, n, colLetter(VALUE_COL)])
  })
  fields.filter((x) => x.type === 'table').forEach((f, i) => {
    const name = tableSheetName(f, i)
    const sheet = workbook.getWorksheet(name)
    if (!sheet) return
    const rows: Values[] = []
    for (let n = HEADER_ROWS + 1; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n)
      rows.push(Object.fromEntries(f.columns!.map((c, j) => [c.key, readCell(row.getCell(j + 1).value)])))
    }
    // Blank rows are dropped by checkValues; keep the sheet row of each kept row for the report.
    const kept: number[] = []
    rows.forEach((r, k) => { if (f.columns!.some((c) => r[c.key] !== undefined && r[c.key] !== '')) kept.push(k) })
    raw[f.key] = kept.map((k) => rows[k]!)
    kept.forEach((k, j) => f.columns!.forEach((c, ci) => where.set(`${f.key}.${j}.${c.key}`, [name, k + HEADER_ROWS + 1, colLetter(ci + 1)])))
    where.set(f.key, [name, HEADER_ROWS + 1, 'A'])
  })
  const { values, issues } = checkValues(definition, raw, { draft: true })
  return {
    values,
    issues: issues.map((i: ValueIssue) => ({ ...i, path: where.get(i.path.join('.')) ?? where.get(String(i.path[0])) ?? [MAIN, 0, colLetter(VALUE_COL)] })),
  }
}

/** Upload a filled workbook as the unit's draft (the same rules as saving a draft by hand). */
export async function importSubmission(db: Db, actor: Actor, id: string, revision: number, bytes: Uint8Array, context: RequestContext) {
  const probe = await loadSubmission(db, actor, id)
  if (!probe.mayFill) throw new AppError('reporting.not_filler')
  const { values, issues } = await readWorkbook(probe.definition, bytes)
  if (issues.length) throw new AppError('validation', {}, issues)
  return db.$transaction(async (tx) => {
    const s = await loadSubmission(tx, actor, id, { forUpdate: true, revision })
    if (!['NOT_STARTED', 'DRAFT', 'RETURNED'].includes(s.status)) throw new AppError('reporting.not_editable')
    const updated = await tx.reportSubmission.update({ where: { id }, data: { values: values as object, status: s.status === 'NOT_STARTED' ? 'DRAFT' : s.status, editedById: actor.personId, updatedAt: clock.now(), revision: { increment: 1 } } })
    await recordAudit(tx, { actor, action: 'reporting.import', objectType: 'ReportSubmission', objectId: id, context })
    return { revision: updated.revision }
  })
}

const STATUS: Record<string, string> = { NOT_STARTED: '未填报', DRAFT: '填报中', PENDING_REVIEW: '待审核', RETURNED: '已退回', SUBMITTED: '已报送' }

/** The summary table (汇总表) as a workbook: one row per unit that submitted, totals and averages. */
export async function exportSummary(db: Db, actor: Actor, collectionId: string, context: RequestContext) {
  const s = await collectionSummary(db, actor, collectionId)
  const fields = fieldsOf(s.definition)
  const numberFields = fields.filter((f) => f.type === 'number')
  const cols = s.columns.map((c) => ({ ...c, label: `${fields.find((f) => f.key === c.key)!.label}·${fields.find((f) => f.key === c.key)!.columns!.find((x) => x.key === c.column)!.label}` }))
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const sheet = workbook.addWorksheet('汇总表')
  sheet.addRow(['单位', ...numberFields.map((f) => (f.measure ? `${f.label}（${f.measure}）` : f.label)), ...cols.map((c) => `${c.label}（合计）`)]).font = { bold: true }
  for (const u of s.units) sheet.addRow([u.unit, ...numberFields.map((f) => u.values[f.key] ?? null), ...cols.map((c) => u.tableSums[`${c.key}.${c.column}`] ?? null)])
  sheet.addRow(['合计', ...s.numbers.map((n) => n.sum), ...cols.map((c) => c.sum)]).font = { bold: true }
  sheet.addRow(['平均', ...s.numbers.map((n) => (n.avg === null ? null : Math.round(n.avg * 100) / 100))])
  sheet.addRow(['填报单位数', ...s.numbers.map((n) => n.count)])
  if (s.choices.length) {
    const choices = workbook.addWorksheet('选项统计')
    choices.addRow(['项目', '选项', '单位数']).font = { bold: true }
    for (const c of s.choices) {
      const f = fields.find((x) => x.key === c.key)!
      for (const o of f.options!) choices.addRow([f.label, o, c.counts[o] ?? 0])
    }
  }
  await db.$transaction((tx) => recordAudit(tx, { actor, action: 'reporting.export', objectType: 'ReportCollection', objectId: collectionId, details: { what: 'summary' }, context }))
  return { bytes: await toBytes(workbook), name: `${s.collection.title}-汇总表.xlsx` }
}

/** Every unit's submission (whatever its state), one row each, and each table field on its own sheet. */
export async function exportSubmissions(db: Db, actor: Actor, collectionId: string, context: RequestContext) {
  const c = await officeCollection(db, actor, collectionId)
  const definition = c.version.definition as Definition
  const fields = fieldsOf(definition)
  const subs = await db.reportSubmission.findMany({ where: { collectionId }, include: { unit: { select: { name: true, depth: true, sortOrder: true } } }, orderBy: [{ unit: { depth: 'asc' } }, { unit: { sortOrder: 'asc' } }] })
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const flat = fields.filter((f) => f.type !== 'table')
  const sheet = workbook.addWorksheet('全部报送')
  sheet.addRow(['单位', '状态', '上报时间', ...flat.map((f) => f.label)]).font = { bold: true }
  for (const s of subs) {
    const v = s.values as Values
    sheet.addRow([s.unit.name, STATUS[s.status], s.submittedAt ?? null, ...flat.map((f) => cellText(v[f.key]))])
  }
  fields.filter((f) => f.type === 'table').forEach((f, i) => {
    const t = workbook.addWorksheet(tableSheetName(f, i))
    t.addRow(['单位', ...f.columns!.map((x) => x.label)]).font = { bold: true }
    for (const s of subs) for (const r of ((s.values as Values)[f.key] as Values[] | undefined) ?? []) t.addRow([s.unit.name, ...f.columns!.map((x) => cellText(r[x.key]))])
  })
  await db.$transaction((tx) => recordAudit(tx, { actor, action: 'reporting.export', objectType: 'ReportCollection', objectId: collectionId, details: { what: 'submissions' }, context }))
  return { bytes: await toBytes(workbook), name: `${c.title}-全部报送.xlsx` }
}
