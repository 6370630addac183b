import ExcelJS from 'exceljs'
import { PEOPLE_SHEET, peopleColumns, UNIT_SHEET, unitColumns } from '../directory/excel-format.ts'

/** A directory workbook in the import format, for tests (integration and e2e). */
export async function directoryWorkbook(units: (string | number)[][], people: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const u = wb.addWorksheet(UNIT_SHEET)
  u.addRow([...unitColumns])
  units.forEach((r) => u.addRow(r))
  const p = wb.addWorksheet(PEOPLE_SHEET)
  p.addRow([...peopleColumns])
  people.forEach((r) => p.addRow(r))
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
