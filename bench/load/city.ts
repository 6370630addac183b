/**
 * Grows the demo city for the load test: `count` more people (account `load<n>`) with a post in the
 * demo's units and a session each, made directly in the database as sign-in makes it (the cookie
 * holds the token, the table its hash); a small organisation whose countersigning units are headed by
 * the first few of them, with documents waiting at 会签 for all of them (the "approve" action); and a
 * session for the demo's notice sender (`leader`).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Db } from '../../server/core/db/index.ts'
import { sha256Hex } from '../../server/core/crypto.ts'
import { seededRandom } from '../../server/platform/demo-data.ts'

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈'
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华文红建志晓燕海俊婷宇浩然子涵欣怡思远嘉雨桐'
export const SEARCHES = ['王', '李', 'zhang', 'liu', '陈', 'wf', '市政府', '张伟', 'chen', '办公室']

export type LoadPerson = { id: string; account: string; token: string; csrf: string; approver: boolean }
export type CoeditGroup = { documentId: string; editors: LoadPerson[] }
export type City = { people: LoadPerson[]; sender: LoadPerson; approvals: Map<string, string[]>; anyDocumentId: string | null; coedit: CoeditGroup[] }

const context = { requestId: 'bench-load', ip: '127.0.0.9', userAgent: 'bench-load' }

async function insertSessions(client: pg.Client, personIds: string[]): Promise<{ token: string; csrf: string }[]> {
  const tokens = personIds.map(() => ({ token: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url') }))
  await client.query(
    `INSERT INTO "Session"(id, "personId", "csrfToken", "isSecondFactorPending", "createdAt", "lastSeenAt", "expiresAt", ip, "userAgent")
     SELECT id, p, c, false, now(), now(), now() + interval '12 hours', '127.0.0.9', 'bench-load' FROM unnest($1::text[], $2::uuid[], $3::text[]) AS t(id, p, c)`,
    [tokens.map((t) => sha256Hex(t.token)), personIds, tokens.map((t) => t.csrf)],
  )
  return tokens
}

export async function growCity(url: string, db: Db, options: { count: number; approvers: number; documents: number; coedit?: number[] }): Promise<City> {
  const { uuidv7, nameKeys } = await import('../../server/directory/index.ts')
  const { actorOf } = await import('../../server/auth/index.ts')
  const { createDocument, submitDocument, actOnDocument } = await import('../../server/documents/index.ts')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const random = seededRandom(7)
    // The organisation whose documents the approvers countersign (as bench/documents.ts builds it).
    const unit = async (name: string, parent: { id: string; path: string; depth: number } | null, organCode: string | null = null) => {
      const id = uuidv7()
      return db.unit.create({ data: { id, name, shortName: name, kind: parent ? 'DEPARTMENT' : 'CITY', organCode, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 } })
    }
    const organ = await unit('负载测试市人民政府', null, '负载')
    const office = await unit('负载测试市政府办公室', organ)
    const staff = async (name: string, unitId: string, leaderRank: 'NONE' | 'PRINCIPAL' | 'DEPUTY') => {
      const account = `lt${uuidv7().slice(-12)}`
      const p = await db.person.create({ data: { account, name, namePinyin: account, nameInitials: account, posts: { create: { unitId, title: '科员', leaderRank, isPrimary: true } } } })
      return (await actorOf(db, p.id))!
    }
    const clerk = await staff('负载拟稿人', office.id, 'NONE')
    const head = await staff('负载科长', office.id, 'PRINCIPAL')
    const leader = await staff('负载市长', organ.id, 'DEPUTY')
    await db.leaderCharge.create({ data: { personId: leader.personId, unitId: office.id } })
    const countersignUnits: { id: string }[] = []
    for (let i = 0; i < options.approvers; i++) countersignUnits.push(await unit(`负载会签单位${i + 1}`, organ))

    // The people: the first `approvers` head a countersigning unit, the others sit in the demo's units.
    const demoUnits = (await client.query<{ id: string }>(`SELECT id FROM "Unit" WHERE "isActive" AND path NOT LIKE $1 ORDER BY depth DESC, id`, [`${organ.path}%`])).rows.map((r) => r.id)
    const people: { id: string; account: string; name: string; unitId: string; rank: string }[] = []
    for (let i = 0; i < options.count; i++) {
      const length = random() < 0.7 ? 2 : 1
      let name = surnames[Math.floor(random() * surnames.length)]!
      for (let j = 0; j < length; j++) name += given[Math.floor(random() * given.length)]!
      const approver = i < options.approvers
      people.push({ id: uuidv7(), account: `load${String(i).padStart(4, '0')}`, name, unitId: approver ? countersignUnits[i]!.id : demoUnits[i % demoUnits.length]!, rank: approver ? 'PRINCIPAL' : 'NONE' })
    }
    const keys = people.map((p) => nameKeys(p.name))
    await client.query(
      `INSERT INTO "Person"(id, account, name, "namePinyin", "nameInitials", "passwordChangedAt", "updatedAt")
       SELECT id, a, n, py, ini, now(), now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, a, n, py, ini)`,
      [people.map((p) => p.id), people.map((p) => p.account), people.map((p) => p.name), keys.map((k) => k.namePinyin), keys.map((k) => k.nameInitials)],
    )
    await client.query(
      `INSERT INTO "Post"(id, "personId", "unitId", title, "leaderRank", "isPrimary")
       SELECT gen_random_uuid(), p, u, '科员', r::"LeaderRank", true FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(p, u, r)`,
      [people.map((p) => p.id), people.map((p) => p.unitId), people.map((p) => p.rank)],
    )
    const tokens = await insertSessions(client, people.map((p) => p.id))
    const senderId = (await client.query<{ id: string }>(`SELECT id FROM "Person" WHERE account = 'leader'`)).rows[0]!.id
    const [senderToken] = await insertSessions(client, [senderId])
    // The sender addresses everyone: the demo grants them the city; add the load test's organisation.
    const role = await db.role.findUniqueOrThrow({ where: { key: 'notice-sender' } })
    await db.roleGrant.create({ data: { personId: senderId, roleId: role.id, unitId: organ.id } })

    // Documents waiting at 会签 for every approver.
    const approvals = new Map<string, string[]>()
    const approverIds = people.slice(0, options.approvers).map((p) => p.id)
    for (const id of approverIds) approvals.set(id, [])
    const revisionOf = async (id: string) => (await db.document.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision
    const one = async (i: number) => {
      const { id } = await createDocument(db, clerk, { kind: 'NOTICE', title: `关于做好负载测试工作的通知（第${i + 1}号）`, unitId: office.id }, context)
      await submitDocument(db, clerk, id, { revision: await revisionOf(id) }, context)
      await actOnDocument(db, head, id, { revision: await revisionOf(id), opinion: '拟同意，请各单位会签。', unitIds: countersignUnits.map((u) => u.id) }, context)
      for (const a of approverIds) approvals.get(a)!.push(id)
    }
    for (let i = 0; i < options.documents; i += 4) await Promise.all(Array.from({ length: Math.min(4, options.documents - i) }, (_, j) => one(i + j)))

    // Drafts being co-edited (the co-editing load): one per group, its editors the city's last people,
    // each a co-drafter (collaborator) of the draft, so the co-editing server's policy re-checks pass.
    const loadPeople = people.map((p, i) => ({ id: p.id, account: p.account, token: tokens[i]!.token, csrf: tokens[i]!.csrf, approver: i < options.approvers }))
    const coedit: CoeditGroup[] = []
    let from = loadPeople.length
    for (const [i, size] of (options.coedit ?? []).entries()) {
      const editors = loadPeople.slice(from - size, from)
      from -= size
      const { id } = await createDocument(db, clerk, { kind: 'NOTICE', title: `关于负载测试共同起草的通知（第${i + 1}稿）`, unitId: office.id }, context)
      await client.query(`UPDATE "Document" SET "collaboratorIds" = $2::uuid[] WHERE id = $1`, [id, editors.map((e) => e.id)])
      coedit.push({ documentId: id, editors })
    }
    if (from < options.approvers) throw new Error('the city is too small for its co-editors')
    await client.query('ANALYZE')
    return {
      people: loadPeople,
      coedit,
      sender: { id: senderId, account: 'leader', token: senderToken!.token, csrf: senderToken!.csrf, approver: false },
      approvals,
      anyDocumentId: approvals.get(approverIds[0] ?? '')?.[0] ?? null,
    }
  } finally {
    await client.end()
  }
}
