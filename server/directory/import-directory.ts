import ExcelJS from 'exceljs'
import type { Db, LeaderRank, Tx, UnitKind } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { assertPasswordRules, hashPassword } from '../auth/index.ts'
import { nameKeys } from './pinyin.ts'
import { directoryPolicy } from './policy.ts'
import { ACCOUNT_RE, PHONE_RE } from './schemas.ts'
import { childPath } from './unit-paths.ts'
import { uuidv7 } from './uuid.ts'
import { kindLabels, leaderLabels, LIST_SEPARATOR, PATH_SEPARATOR, PEOPLE_SHEET, UNIT_SHEET } from './excel-format.ts'

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
export const MAX_IMPORT_ROWS = 20_000

export type ImportProblem = { sheet: 'units' | 'people'; row: number; reason: string; value?: string }
export type ImportSummary = { unitsCreated: number; unitsUpdated: number; peopleCreated: number; peopleUpdated: number; posts: number }

type UnitRow = { row: number; path: string[]; shortName: string; organCode: string | null; kind: UnitKind; sortOrder: number }
type PostRow = { row: number; unitPath: string; title: string; leaderRank: LeaderRank; isPrimary: boolean }
type PersonRow = {
  row: number; account: string; name: string; phone: string | null; email: string | null
  posts: PostRow[]; chargePaths: string[]; initialPassword: string | null
}

const kindByLabel = new Map<string, UnitKind>(Object.entries(kindLabels).map(([k, v]) => [v, k as UnitKind]))
const rankByLabel = new Map<string, LeaderRank>(Object.entries(leaderLabels).map(([k, v]) => [v, k as LeaderRank]))

function text(cell: ExcelJS.Cell): string {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim()
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim()
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim()
  return String(v).trim()
}

const splitPath = (s: string) => s.split(PATH_SEPARATOR).map((x) => x.trim()).filter(Boolean)
const pathKey = (parts: string[]) => parts.join(PATH_SEPARATOR)

function sheetRows(sheet: ExcelJS.Worksheet | undefined, width: number): { row: number; cells: string[] }[] {
  const rows: { row: number; cells: string[] }[] = []
  sheet?.eachRow((r, n) => {
    if (n === 1) return // header
    const cells = Array.from({ length: width }, (_, i) => text(r.getCell(i + 1)))
    if (cells.some(Boolean)) rows.push({ row: n, cells })
  })
  return rows
}

/** Read both sheets into rows, collecting every problem that can be seen without the database. */
async function parseWorkbook(bytes: Uint8Array, problems: ImportProblem[]) {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new AppError('directory.import_file')
  }
  const unitSheet = workbook.getWorksheet(UNIT_SHEET)
  const peopleSheet = workbook.getWorksheet(PEOPLE_SHEET)
  if (!unitSheet && !peopleSheet) throw new AppError('directory.import_file')
  const unitRows = sheetRows(unitSheet, 5)
  const peopleRows = sheetRows(peopleSheet, 10)
  if (unitRows.length + peopleRows.length > MAX_IMPORT_ROWS) throw new AppError('directory.import_file', { maxRows: MAX_IMPORT_ROWS })

  const units: UnitRow[] = []
  const seenUnits = new Set<string>()
  const seenCodes = new Set<string>() // 机关代字 are unique (document number prefixes)
  for (const { row, cells } of unitRows) {
    const [pathText, shortName, organCode, kindText, sortText] = cells as [string, string, string, string, string]
    const path = splitPath(pathText)
    const problem = (reason: string, value?: string) => problems.push({ sheet: 'units', row, reason, value })
    if (path.length === 0) { problem('unit_path_required'); continue }
    if (path.some((p) => p.length > 100)) problem('too_long', pathText)
    const kind = kindByLabel.get(kindText || '部门')
    if (!kind) problem('unknown_kind', kindText)
    if (seenUnits.has(pathKey(path))) problem('duplicate_unit', pathText)
    seenUnits.add(pathKey(path))
    const sortOrder = sortText ? Number(sortText) : 0
    if (!Number.isInteger(sortOrder) || sortOrder < 0) problem('bad_number', sortText)
    if (organCode.length > 20) problem('too_long', organCode)
    if (organCode && seenCodes.has(organCode)) problem('organ_code_taken', organCode)
    if (organCode) seenCodes.add(organCode)
    units.push({ row, path, shortName: (shortName || path.at(-1)!).slice(0, 40), organCode: organCode || null, kind: kind ?? 'OTHER', sortOrder: sortOrder || 0 })
  }

  const people = new Map<string, PersonRow>()
  for (const { row, cells } of peopleRows) {
    const [accountRaw, name, phone, email, unitPath, title, rankText, primaryText, chargesText, password] = cells as string[] as [string, string, string, string, string, string, string, string, string, string]
    const account = accountRaw.toLowerCase()
    const problem = (reason: string, value?: string) => problems.push({ sheet: 'people', row, reason, value })
    if (!account) problem('account_required')
    else if (!ACCOUNT_RE.test(account)) problem('bad_account', accountRaw)
    if (!name) problem('name_required')
    else if (name.length > 40) problem('too_long', name)
    if (phone && !PHONE_RE.test(phone)) problem('bad_phone', phone)
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problem('bad_email', email)
    if (!unitPath) problem('unit_path_required')
    if (!title) problem('title_required')
    const leaderRank = rankByLabel.get(rankText)
    if (leaderRank === undefined) problem('unknown_leader_rank', rankText)
    if (password) {
      try { assertPasswordRules(password, { account, phone }) } catch { problem('weak_password') }
    }
    const post: PostRow = { row, unitPath: pathKey(splitPath(unitPath)), title, leaderRank: leaderRank ?? 'NONE', isPrimary: primaryText === '是' }
    const charges = chargesText.split(LIST_SEPARATOR).map((s) => pathKey(splitPath(s))).filter(Boolean)
    const existing = people.get(account)
    if (!account) continue
    if (existing) {
      // Several rows for one account are several posts (兼职); the person's own fields must agree.
      if (existing.name !== name || existing.phone !== (phone || null)) problem('conflicting_rows', account)
      if (existing.posts.some((p) => p.unitPath === post.unitPath)) problem('duplicate_post', unitPath)
      existing.posts.push(post)
      existing.chargePaths.push(...charges)
    } else {
      people.set(account, { row, account, name, phone: phone || null, email: email || null, posts: [post], chargePaths: charges, initialPassword: password || null })
    }
  }
  const phones = new Map<string, string>()
  for (const p of people.values()) {
    if (!p.phone) continue
    if (phones.has(p.phone) && phones.get(p.phone) !== p.account) problems.push({ sheet: 'people', row: p.row, reason: 'duplicate_phone', value: p.phone })
    phones.set(p.phone, p.account)
  }
  return { units, people: [...people.values()] }
}

/**
 * Import units and people from the directory workbook (format in excel-format.ts). Every row is checked
 * first; if any row is wrong nothing is written and every problem is reported with its row number.
 * Existing units (by path) and people (by account) are updated; posts listed for a person replace theirs.
 */
export async function importDirectory(db: Db, actor: Actor, bytes: Uint8Array, context: RequestContext): Promise<ImportSummary> {
  if (!directoryPolicy.mayImportAnywhere(actor)) throw new AppError('forbidden')
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new AppError('directory.import_file', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })
  const problems: ImportProblem[] = []
  const parsed = await parseWorkbook(bytes, problems)
  // Hash outside the transaction: argon2 is deliberately slow.
  const hashes = new Map<string, string>()
  if (problems.length === 0) {
    for (const p of parsed.people) if (p.initialPassword) hashes.set(p.account, await hashPassword(p.initialPassword))
  }

  return db.$transaction(async (tx) => {
    const summary: ImportSummary = { unitsCreated: 0, unitsUpdated: 0, peopleCreated: 0, peopleUpdated: 0, posts: 0 }
    const byPath = await unitsByNamePath(tx)
    // Units, parents first.
    const unitRows = [...parsed.units].sort((a, b) => a.path.length - b.path.length)
    for (const u of unitRows) {
      const key = pathKey(u.path)
      const existing = byPath.get(key)
      const parentKey = pathKey(u.path.slice(0, -1))
      const parent = u.path.length > 1 ? byPath.get(parentKey) : undefined
      if (u.path.length > 1 && !parent) { problems.push({ sheet: 'units', row: u.row, reason: 'unknown_parent', value: parentKey }); continue }
      if (!existing && u.path.length === 1 && byPath.size > 0) { problems.push({ sheet: 'units', row: u.row, reason: 'second_root', value: key }); continue }
      // An existing unit is changed in place, a new one is created under its parent: either must be in scope.
      const scopePath = existing?.path ?? parent?.path
      if (!scopePath || !directoryPolicy.mayImport(actor, scopePath)) {
        problems.push({ sheet: 'units', row: u.row, reason: 'not_permitted', value: key }); continue
      }
      if (problems.length) {
        // Keep checking the rest against the units this file would create, but write nothing.
        if (!existing) byPath.set(key, { id: '', path: `${parent?.path ?? '/'}planned:${u.row}/` })
        continue
      }
      if (u.organCode && await tx.unit.findFirst({ where: { organCode: u.organCode, ...(existing ? { id: { not: existing.id } } : {}) }, select: { id: true } })) {
        problems.push({ sheet: 'units', row: u.row, reason: 'organ_code_taken', value: u.organCode }); continue
      }
      const data = { shortName: u.shortName, organCode: u.organCode, kind: u.kind, sortOrder: u.sortOrder }
      if (existing) {
        await tx.unit.update({ where: { id: existing.id }, data })
        summary.unitsUpdated++
      } else {
        const id = uuidv7()
        const path = childPath(parent?.path ?? null, id)
        await tx.unit.create({ data: { id, name: u.path.at(-1)!, ...data, parentId: parent?.id ?? null, path, depth: u.path.length - 1 } })
        byPath.set(key, { id, path })
        summary.unitsCreated++
      }
    }

    const existingPeople = new Map(
      (await tx.person.findMany({
        where: { account: { in: parsed.people.map((p) => p.account) } },
        select: { id: true, account: true, posts: { select: { unit: { select: { path: true } } } }, leaderCharges: { select: { unit: { select: { path: true } } } } },
      })).map((p) => [p.account, { id: p.id, unitPaths: [...p.posts, ...p.leaderCharges].map((x) => x.unit.path) }]),
    )
    const phoneOwners = new Map(
      (await tx.person.findMany({ where: { phone: { in: parsed.people.flatMap((p) => (p.phone ? [p.phone] : [])) } }, select: { account: true, phone: true } })).map((p) => [p.phone!, p.account]),
    )
    for (const p of parsed.people) {
      const existing = existingPeople.get(p.account)
      // Someone of another unit's directory is not the importer's to rename, re-post or take away.
      if (existing && !directoryPolicy.mayImportPerson(actor, existing)) problems.push({ sheet: 'people', row: p.row, reason: 'not_permitted', value: p.account })
      for (const post of p.posts) {
        const unit = byPath.get(post.unitPath)
        if (!unit) problems.push({ sheet: 'people', row: post.row, reason: 'unknown_unit', value: post.unitPath })
        else if (!directoryPolicy.mayImport(actor, unit.path)) problems.push({ sheet: 'people', row: post.row, reason: 'not_permitted', value: post.unitPath })
      }
      for (const c of p.chargePaths) {
        const unit = byPath.get(c)
        // Being in charge of a unit (分管) makes one its sign-off leader: only within the importer's scope.
        if (!unit) problems.push({ sheet: 'people', row: p.row, reason: 'unknown_unit', value: c })
        else if (!directoryPolicy.mayImport(actor, unit.path)) problems.push({ sheet: 'people', row: p.row, reason: 'not_permitted', value: c })
      }
      if (p.phone && phoneOwners.has(p.phone) && phoneOwners.get(p.phone) !== p.account) problems.push({ sheet: 'people', row: p.row, reason: 'duplicate_phone', value: p.phone })
    }
    if (problems.length) {
      problems.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === 'units' ? -1 : 1))
      throw new AppError('directory.import_invalid', { count: problems.length }, problems)
    }

    for (const p of parsed.people) {
      const fields = { name: p.name, ...nameKeys(p.name), phone: p.phone, email: p.email }
      let personId = existingPeople.get(p.account)?.id
      if (personId) {
        await tx.person.update({ where: { id: personId }, data: fields })
        summary.peopleUpdated++
      } else {
        const hash = hashes.get(p.account) ?? null
        const created = await tx.person.create({
          data: { account: p.account, ...fields, passwordHash: hash, mustChangePassword: hash !== null, passwordChangedAt: hash ? new Date() : null },
        })
        personId = created.id
        summary.peopleCreated++
      }
      const hasPrimary = p.posts.some((x) => x.isPrimary)
      await tx.post.deleteMany({ where: { personId } })
      await tx.post.createMany({
        data: p.posts.map((post, i) => ({
          personId: personId!, unitId: byPath.get(post.unitPath)!.id, title: post.title, leaderRank: post.leaderRank,
          isPrimary: hasPrimary ? post.isPrimary : i === 0, sortOrder: i,
        })),
      })
      summary.posts += p.posts.length
      await tx.leaderCharge.deleteMany({ where: { personId } })
      await tx.leaderCharge.createMany({ data: [...new Set(p.chargePaths)].map((c) => ({ personId: personId!, unitId: byPath.get(c)!.id })) })
    }
    await recordAudit(tx, { actor, action: 'directory.import', objectType: 'Directory', details: summary, context })
    return summary
  }, { timeout: 120_000 })
}

/** Every unit keyed by its path of names ("市政府/发改委/综合处"). */
async function unitsByNamePath(tx: Tx): Promise<Map<string, { id: string; path: string }>> {
  const units = await tx.unit.findMany({ select: { id: true, name: true, parentId: true, path: true }, orderBy: { depth: 'asc' } })
  const names = new Map<string, string>()
  const result = new Map<string, { id: string; path: string }>()
  for (const u of units) {
    const full = u.parentId && names.has(u.parentId) ? `${names.get(u.parentId)}${PATH_SEPARATOR}${u.name}` : u.name
    names.set(u.id, full)
    result.set(full, { id: u.id, path: u.path })
  }
  return result
}

export { unitsByNamePath }
