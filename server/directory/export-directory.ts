import ExcelJS from 'exceljs'
import type { Db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { Actor } from '../core/authz/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { directoryPolicy } from './policy.ts'
import { unitsByNamePath } from './import-directory.ts'
import { kindLabels, leaderLabels, PEOPLE_SHEET, peopleColumns, UNIT_SHEET, unitColumns } from './excel-format.ts'

/** The active directory as a workbook in the import format (passwords are never exported). */
export async function exportDirectory(db: Db, actor: Actor, context: RequestContext): Promise<Uint8Array> {
  if (!directoryPolicy.mayExport(actor)) throw new AppError('forbidden')
  const paths = await unitsByNamePath(db as never)
  const nameOf = new Map([...paths].map(([name, u]) => [u.id, name]))
  const units = await db.unit.findMany({ where: { isActive: true }, orderBy: [{ depth: 'asc' }, { sortOrder: 'asc' }] })
  const people = await db.person.findMany({
    where: { isActive: true },
    orderBy: [{ sortOrder: 'asc' }, { namePinyin: 'asc' }],
    include: { posts: { orderBy: { sortOrder: 'asc' } }, leaderCharges: true },
  })

  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Xietong'
  const unitSheet = workbook.addWorksheet(UNIT_SHEET)
  unitSheet.addRow([...unitColumns]).font = { bold: true }
  for (const u of units) unitSheet.addRow([nameOf.get(u.id), u.shortName, u.organCode ?? '', kindLabels[u.kind], u.sortOrder])
  const peopleSheet = workbook.addWorksheet(PEOPLE_SHEET)
  peopleSheet.addRow([...peopleColumns]).font = { bold: true }
  for (const p of people) {
    const charges = p.leaderCharges.map((c) => nameOf.get(c.unitId)).filter(Boolean).join('；')
    for (const post of p.posts) {
      peopleSheet.addRow([p.account, p.name, p.phone ?? '', p.email ?? '', nameOf.get(post.unitId), post.title, leaderLabels[post.leaderRank], post.isPrimary ? '是' : '否', charges, ''])
    }
  }
  for (const sheet of [unitSheet, peopleSheet]) sheet.columns.forEach((c) => { c.width = 18 })
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: 'directory.export', objectType: 'Directory', details: { units: units.length, people: people.length }, context }),
  )
  return bytes
}
