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
