import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { directoryWorkbook } from '../test/workbooks.ts'
import { actorFor, buildContext, buildPerson, buildUnit } from '../test/factories.ts'
import { exportDirectory, importDirectory, type ImportProblem } from './index.ts'

const workbook = directoryWorkbook

async function setup() {
  const root = await buildUnit({ name: '泰和市人民政府' })
  const admin = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['directory.import', 'directory.export'], unit: root }] }))
  return { root, admin }
}

describe('importDirectory', () => {
  it('imports units (parents first) and people with several posts, then exports them back the same', async () => {
    const { admin } = await setup()
    const file = await workbook(
      [['泰和市人民政府/发改委/综合科', '综合科', '', '处室', 1], ['泰和市人民政府/发改委', '发改委', '泰发改', '部门', 2]],
      [
        ['zhangwei', '张伟', '13600000001', 'zw@example.gov.cn', '泰和市人民政府/发改委', '主任', '主要领导', '是', '泰和市人民政府/发改委/综合科', 'Import-Pass-1'],
        ['zhangwei', '张伟', '13600000001', 'zw@example.gov.cn', '泰和市人民政府/发改委/综合科', '科长（兼）', '', '否', '', ''],
        ['lina', '李娜', '', '', '泰和市人民政府/发改委/综合科', '科员', '', '', '', ''],
      ],
    )
    const summary = await importDirectory(db(), admin, file, buildContext())
    expect(summary).toEqual({ unitsCreated: 2, unitsUpdated: 0, peopleCreated: 2, peopleUpdated: 0, posts: 3 })
    const zhang = await db().person.findUniqueOrThrow({ where: { account: 'zhangwei' }, include: { posts: { include: { unit: true } }, leaderCharges: true } })
    expect(zhang.posts.map((p) => [p.unit.name, p.title, p.leaderRank, p.isPrimary])).toEqual([
      ['发改委', '主任', 'PRINCIPAL', true], ['综合科', '科长（兼）', 'NONE', false],
    ])
    expect(zhang).toMatchObject({ mustChangePassword: true, namePinyin: 'zhangwei', nameInitials: 'zw' })
    expect(zhang.leaderCharges).toHaveLength(1)
    expect((await db().person.findUniqueOrThrow({ where: { account: 'lina' } })).passwordHash).toBeNull()

    // The export reads back as the same directory: importing it changes nothing but "updated" counts.
    const exported = await exportDirectory(db(), admin, buildContext())
    const again = await importDirectory(db(), admin, exported, buildContext())
    expect(again).toMatchObject({ unitsCreated: 0, peopleCreated: 0, posts: 4 })
    expect(await db().auditEvent.count({ where: { action: { in: ['directory.import', 'directory.export'] } } })).toBe(3)
  })

  it('imports nothing when any row is wrong, and reports every wrong row with its number and reason', async () => {
    const { admin } = await setup()
    const before = { units: await db().unit.count(), people: await db().person.count() }
    const file = await workbook(
      [['泰和市人民政府/好单位', '好', '', '部门', 1], ['泰和市人民政府/没有/孙单位', '孙', '', '处室', 1], ['泰和市人民政府/坏类型', '坏', '', '衙门', 1]],
      [
        ['goodone', '好人', '13600000009', '', '泰和市人民政府/好单位', '科员', '', '', '', ''],
        ['bad phone', '坏人', '123', 'not-an-email', '泰和市人民政府/好单位', '', '大领导', '', '', 'weak'],
        ['ghost', '', '', '', '泰和市人民政府/不存在', '科员', '', '', '', ''],
      ],
    )
    const error = await importDirectory(db(), admin, file, buildContext()).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('directory.import_invalid')
    const problems = (error as AppError).details as ImportProblem[]
    const at = (sheet: string, row: number) => problems.filter((p) => p.sheet === sheet && p.row === row).map((p) => p.reason).sort()
    expect(at('units', 3)).toEqual(['unknown_parent'])
    expect(at('units', 4)).toEqual(['unknown_kind'])
    expect(at('people', 3)).toEqual(['bad_account', 'bad_email', 'bad_phone', 'title_required', 'unknown_leader_rank', 'weak_password'])
    expect(at('people', 4)).toEqual(['name_required', 'unknown_unit'])
    expect(at('units', 2)).toEqual([])
    expect({ units: await db().unit.count(), people: await db().person.count() }).toEqual(before)
  })

  it('refuses an organ code (机关代字) listed twice or already used by another unit', async () => {
    const { root, admin } = await setup()
    const code = `泰${Math.random().toString(36).slice(2, 6)}`
    await buildUnit({ parent: root, name: '市财政局', organCode: code })
    const twice = await workbook([[`${root.name}/教育局`, '教育局', `${code}教`, '部门', 1], [`${root.name}/卫健委`, '卫健委', `${code}教`, '部门', 2]], [])
    const error = (await importDirectory(db(), admin, twice, buildContext()).catch((e: AppError) => e)) as AppError
    expect(error.code).toBe('directory.import_invalid')
    expect(error.details).toEqual([{ sheet: 'units', row: 3, reason: 'organ_code_taken', value: `${code}教` }])
    const taken = await workbook([[`${root.name}/教育局`, '教育局', code, '部门', 1]], [])
    const second = (await importDirectory(db(), admin, taken, buildContext()).catch((e: AppError) => e)) as AppError
    expect(second.details).toEqual([{ sheet: 'units', row: 2, reason: 'organ_code_taken', value: code }])
    expect(await db().unit.count({ where: { name: '教育局', parentId: root.id } })).toBe(0)
  })

  it('refuses files that are not workbooks, and people without the permission', async () => {
    const { root } = await setup()
    const admin = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['directory.import'], unit: root }] }))
    await expect(importDirectory(db(), admin, new TextEncoder().encode('name,phone\n'), buildContext())).rejects.toMatchObject({ code: 'directory.import_file' })
    const clerk = await actorFor(await buildPerson({ unit: root }))
    await expect(importDirectory(db(), clerk, await workbook([], []), buildContext())).rejects.toMatchObject({ code: 'forbidden' })
    await expect(exportDirectory(db(), clerk, buildContext())).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('refuses rows outside the importer’s unit scope', async () => {
    const { root } = await setup()
    const dept = await buildUnit({ parent: root, name: '教育局' })
    await buildUnit({ parent: root, name: '财政局' })
    const scoped = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['directory.import'], unit: dept }] }))
    const file = await workbook([['泰和市人民政府/财政局/预算科', '预算科', '', '处室', 1]], [])
    const error = (await importDirectory(db(), scoped, file, buildContext()).catch((e: AppError) => e)) as AppError
    expect((error.details as ImportProblem[]).map((p) => p.reason)).toEqual(['not_permitted'])
  })
})

describe('importDirectory within a district’s scope', () => {
  /** A city (unique name, the root here) with a department and a district; an importer scoped to the district. */
  async function district() {
    const cityName = `泰和市${Math.random().toString(36).slice(2, 8)}`
    const city = await buildUnit({ name: cityName })
    const cityDept = await buildUnit({ parent: city, name: '财政局' })
    const area = await buildUnit({ parent: city, name: '东平区' })
    const importer = await actorFor(await buildPerson({ unit: area, grants: [{ permissions: ['directory.import'], unit: area }] }))
    const cityLeader = await buildPerson({ unit: city, name: '陈市长', account: `chen${Math.random().toString(36).slice(2, 8)}` })
    const problemsOf = async (file: Uint8Array) => {
      const error = await importDirectory(db(), importer, file, buildContext()).then(() => null, (e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      return ((error as AppError).details as ImportProblem[]).map((p) => [p.reason, p.value])
    }
    return { cityName, city, cityDept, area, importer, cityLeader, problemsOf }
  }

  it('refuses to put a district person in charge (分管) of a city unit', async () => {
    const s = await district()
    const account = `qu${Math.random().toString(36).slice(2, 8)}`
    const file = await workbook([], [[account, '区干部', '', '', `${s.cityName}/东平区`, '副区长', '', '是', `${s.cityName}/财政局`, '']])
    expect(await s.problemsOf(file)).toEqual([['not_permitted', `${s.cityName}/财政局`]])
    expect(await db().person.count({ where: { account } })).toBe(0)
    expect(await db().leaderCharge.count({ where: { unitId: s.cityDept.id } })).toBe(0)
  })

  it('refuses to rename or re-post a person of the city, leaving them as they were', async () => {
    const s = await district()
    const file = await workbook([], [[s.cityLeader.account, '冒名', '', 'me@example.com', `${s.cityName}/东平区`, '科员', '', '是', '', '']])
    expect(await s.problemsOf(file)).toEqual([['not_permitted', s.cityLeader.account]])
    const after = await db().person.findUniqueOrThrow({ where: { id: s.cityLeader.id }, include: { posts: true } })
    expect(after.name).toBe('陈市长')
    expect(after.posts.map((p) => p.unitId)).toEqual([s.city.id])
  })

  it('still updates the district’s own people', async () => {
    const s = await district()
    const own = await buildPerson({ unit: s.area, name: '区科员', account: `own${Math.random().toString(36).slice(2, 8)}` })
    const file = await workbook([], [[own.account, '区科员改', '', '', `${s.cityName}/东平区`, '科长', '', '是', `${s.cityName}/东平区`, '']])
    expect(await importDirectory(db(), s.importer, file, buildContext())).toMatchObject({ peopleUpdated: 1, posts: 1 })
    expect((await db().person.findUniqueOrThrow({ where: { id: own.id } })).name).toBe('区科员改')
  })
})
