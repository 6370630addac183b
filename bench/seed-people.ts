import pg from 'pg'
import { nameKeys, uuidv7 } from '../server/directory/index.ts'
import { seededRandom } from '../server/platform/demo-data.ts'

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华文红建志晓燕海俊婷宇浩然子涵欣怡思远嘉雨桐国庆卫东春梅立新振佳琪鹏飞玉兰德成亮斌辉凤云波莉丹萍'

export type SeededPerson = { id: string; name: string; namePinyin: string; nameInitials: string; phone: string }

/**
 * Bulk-load `count` people with realistic names (surname + one or two given-name characters), their
 * pinyin keys and unique mobile numbers, each with a post in one of a few hundred units.
 */
export async function seedPeople(url: string, count: number): Promise<SeededPerson[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const existing = Number((await client.query('SELECT count(*) FROM "Person"')).rows[0].count)
  const random = seededRandom(42)
  const people: SeededPerson[] = []
  const phones = new Set<string>()
  for (let i = 0; i < count; i++) {
    const length = random() < 0.7 ? 2 : 1
    let name = surnames[Math.floor(random() * surnames.length)]!
    for (let j = 0; j < length; j++) name += given[Math.floor(random() * given.length)]!
    let phone: string
    do phone = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`
    while (phones.has(phone))
    phones.add(phone)
    people.push({ id: uuidv7(), name, ...nameKeys(name), phone })
  }
  if (existing >= count) {
    // Already loaded by an earlier run (same seed): read them back instead.
    const rows = await client.query('SELECT id, name, "namePinyin", "nameInitials", phone FROM "Person" WHERE account LIKE $1', ['bench%'])
    await client.end()
    return rows.rows
  }
  await client.query('TRUNCATE "Post", "Person", "Unit" CASCADE')
  const unitIds: string[] = []
  const rootId = uuidv7()
  await client.query(`INSERT INTO "Unit"(id, name, "shortName", kind, path, depth, "updatedAt") VALUES ($1, '基准测试市', '基准市', 'CITY', $2, 0, now())`, [rootId, `/${rootId}/`])
  for (let u = 0; u < 300; u++) {
    const id = uuidv7()
    unitIds.push(id)
    await client.query(`INSERT INTO "Unit"(id, "parentId", name, "shortName", kind, path, depth, "updatedAt") VALUES ($1, $2, $3, $3, 'DEPARTMENT', $4, 1, now())`, [id, rootId, `单位${u}`, `/${rootId}/${id}/`])
  }
  for (let start = 0; start < people.length; start += 10_000) {
    const batch = people.slice(start, start + 10_000)
    await client.query(
      `INSERT INTO "Person"(id, account, name, "namePinyin", "nameInitials", phone, "sortOrder", "updatedAt")
       SELECT * , now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])`,
      [batch.map((p) => p.id), batch.map((_, i) => `bench${start + i}`), batch.map((p) => p.name), batch.map((p) => p.namePinyin), batch.map((p) => p.nameInitials), batch.map((p) => p.phone), batch.map(() => 0)],
    )
    await client.query(
      `INSERT INTO "Post"(id, "personId", "unitId", title, "isPrimary")
       SELECT gen_random_uuid(), p, u, '科员', true FROM unnest($1::uuid[], $2::uuid[]) AS t(p, u)`,
      [batch.map((p) => p.id), batch.map((_, i) => unitIds[(start + i) % unitIds.length]!)],
    )
  }
  await client.query('ANALYZE')
  await client.end()
  return people
}
