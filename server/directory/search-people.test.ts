import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { buildPerson, buildTree } from '../test/factories.ts'
import { searchPeople, listUnitMembers } from './index.ts'

describe('searchPeople', () => {
  it('finds people by name, full pinyin, initials, phone prefix or tail, and account', async () => {
    const { dept, division, sibling } = await buildTree()
    const zhang = await buildPerson({ unit: division, name: '张三', phone: '13800001234', account: 'zhangsan.test' })
    await buildPerson({ unit: sibling, name: '李四', phone: '13900005678' })
    await buildPerson({ unit: dept, name: '张三丰', phone: null })
    const ids = async (query: string, unitId?: string) => (await searchPeople(db(), { query, unitId })).map((p) => p.name).sort()

    expect(await ids('张三')).toEqual(['张三', '张三丰'])
    expect(await ids('zhangsan')).toEqual(['张三', '张三丰'])
    expect(await ids('Zhang San')).toEqual(['张三', '张三丰'])
    expect(await ids('zs')).toEqual(['张三', '张三丰'])
    expect(await ids('zsf')).toEqual(['张三丰'])
    expect(await ids('138')).toEqual(['张三'])
    expect(await ids('1234')).toEqual(['张三'])
    expect(await ids('zhangsan.test')).toEqual(['张三'])
    expect(await ids('王')).toEqual([])
    // Within a unit and everything under it.
    expect(await ids('zs', division.id)).toEqual(['张三'])
    expect(await ids('zs', dept.id)).toEqual(['张三', '张三丰'])
    expect(await ids('ls', dept.id)).toEqual([])
    const [hit] = await searchPeople(db(), { query: '13800001234' })
    expect(hit).toMatchObject({ id: zhang.id, posts: [{ unitId: division.id, title: '科员' }] })
  })

  it('treats LIKE wildcards in the query as plain text and hides inactive people unless asked', async () => {
    const { dept } = await buildTree()
    await buildPerson({ unit: dept, name: '王五', isActive: false })
    expect(await searchPeople(db(), { query: '%' })).toEqual([])
    expect(await searchPeople(db(), { query: '_' })).toEqual([])
    expect(await searchPeople(db(), { query: '王五' })).toEqual([])
    expect((await searchPeople(db(), { query: '王五', includeInactive: true })).map((p) => p.name)).toEqual(['王五'])
  })
})

describe('listUnitMembers', () => {
  it('lists principal leaders first, then deputies, then the rest', async () => {
    const { dept } = await buildTree()
    await buildPerson({ unit: dept, name: '科员甲' })
    await buildPerson({ unit: dept, name: '副局长', leaderRank: 'DEPUTY' })
    await buildPerson({ unit: dept, name: '局长', leaderRank: 'PRINCIPAL' })
    expect((await listUnitMembers(db(), dept.id)).map((p) => p.name)).toEqual(['局长', '副局长', '科员甲'])
  })
})
