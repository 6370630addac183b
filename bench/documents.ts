/**
 * Official documents (issue 5): `npm run bench:documents`. Figures are printed and written to
 * bench/results/documents-latest.json.
 *
 *   1. Search over BENCH_DOCUMENTS [100,000] documents (titles, numbers, opinions and bodies of a few
 *      hundred characters, loaded in bulk with SQL; bench/document-corpus.ts): p50/p95/p99 of
 *      `listDocuments` with a query, by kind of query, for a typical person (registry of one
 *      organisation, on the route of some documents elsewhere) and for a clerk (on routes only).
 *      Goal: p95 ≤ 100 ms for the typical person. Reference in the same run: the query as it was
 *      (one OR across related tables, ILIKE), a few rounds.
 *   2. Step transitions: BENCH_TRANSITIONS [1,000] "approve" actions at once on documents waiting at a
 *      parallel countersign step (5 countersigners each, so 200 documents): throughput, latency, and a
 *      check that no transition was lost or applied twice (tasks done, opinions, timeline events,
 *      audit entries, revisions, stale refusals retried). Reference in the same run: the same actions
 *      one at a time on 40 more documents (no contention).
 *
 * BENCH_ONLY=search or BENCH_ONLY=transitions runs one part.
 * DATABASE_URL: use that PostgreSQL server (a database bench_documents_<pid> is made and dropped);
 * else an embedded one on BENCH_DOCUMENTS_PG_PORT [54533], data in .data/bench-documents-postgres.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { PrismaPg } from '@prisma/adapter-pg'
import { freshBenchDatabase } from './database.ts'
import { PrismaClient } from '../server/core/db/generated/client.ts'
import type { Db, Prisma } from '../server/core/db/index.ts'
import { actorOf } from '../server/auth/index.ts'
import type { Actor } from '../server/core/authz/index.ts'
import { isAppError } from '../server/core/errors.ts'
import { appendUpdate, BODY_FRAGMENT } from '../server/coediting/index.ts'
import { actOnDocument, createDocument, ensureDefaultTemplates, listDocuments, submitDocument } from '../server/documents/index.ts'
import { standingOf } from '../server/documents/load-document.ts'
import { uuidv7 } from '../server/directory/index.ts'
import { seededRandom } from '../server/platform/demo-data.ts'
import { percentile } from './directory-search.ts'
import { seedDocumentCorpus, type Corpus } from './document-corpus.ts'

const root = path.resolve(import.meta.dirname, '..')
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100_000)
const TRANSITIONS = Number(process.env.BENCH_TRANSITIONS ?? 1000)
const COUNTERSIGNERS = 5
const POOL = Number(process.env.DATABASE_POOL_SIZE ?? 10)
const ONLY = process.env.BENCH_ONLY
const context = { requestId: 'bench-documents', ip: '127.0.0.3', userAgent: 'bench' }

const summarize = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return { n: 0 }
  return { n: s.length, p50: +percentile(s, 50).toFixed(1), p95: +percentile(s, 95).toFixed(1), p99: +percentile(s, 99).toFixed(1), max: +s.at(-1)!.toFixed(1) }
}

/**
 * A client as the app makes it, but willing to wait for a pooled connection as long as a request
 * would: 1,000 transactions started at once on a pool of 10 queue far beyond Prisma's default 2 s.
 */
function benchDb(url: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: POOL }), transactionOptions: { maxWait: 120_000, timeout: 120_000 } })
}

// ---------------------------------------------------------------- 1. search

/** The search as it was before this benchmark: one OR across related tables, ILIKE. */
async function legacyList(db: Db, actor: Actor, q: string) {
  const standing = await standingOf(db, actor.personId)
  const me = actor.personId
  const registryScopes = actor.grants.filter((g) => g.permissions.includes('document.register'))
  const where: Prisma.DocumentWhereInput = {
    AND: [
      {
        OR: [
          { createdById: me }, { collaboratorIds: { has: me } }, { tasks: { some: { OR: [{ assigneeId: me }, { actedById: me }] } } },
          ...(standing.delegators.length ? [{ tasks: { some: { status: 'PENDING' as const, assigneeId: { in: standing.delegators } } } }] : []),
          { readers: { some: { personId: me } } },
          ...registryScopes.map((g) => ({ organ: g.includesSubunits ? { path: { startsWith: g.scopePath } } : { path: g.scopePath } })),
        ],
      },
      { searchText: { contains: q, mode: 'insensitive' } },
    ],
  }
  const [rows, total] = await Promise.all([
    db.document.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take: 20, select: { id: true, title: true, unit: { select: { name: true } }, createdBy: { select: { name: true } } } }),
    db.document.count({ where }),
  ])
  return { rows, total }
}

async function benchSearch(url: string, corpus: Corpus) {
  const db = benchDb(url)
  const queries: Record<string, string[]> = {
    'common, 2 characters': ['通知', '安全', '工作', '预算'],
    'topic, 4 characters': ['安全生产', '乡村振兴', '营商环境', '防汛抗旱', '殡葬改革', '节能降碳'],
    'document number': [...corpus.numbers.slice(0, 4), '〔2024〕'],
    'phrase': ['妥否，请批示', '请于', '纳入年度部门预算'],
    'rare (body only)': [corpus.rareBodyWord],
    'no match': ['量子计算', 'xyzzy'],
  }
  const people = { 'registry + routes': corpus.typicalPersonId, 'clerk (routes only)': corpus.clerkPersonId }
  const result: Record<string, unknown> = {}
  for (const [who, personId] of Object.entries(people)) {
    const actor = (await actorOf(db, personId))!
    const byKind: Record<string, number[]> = {}
    const totals: Record<string, number> = {}
    for (let round = 0; round < 12; round++) {
      for (const [kind, qs] of Object.entries(queries)) {
        for (const q of qs) {
          const started = performance.now()
          const page = await listDocuments(db, actor, { q })
          const ms = performance.now() - started
          totals[q] = page.total
          if (round >= 2) (byKind[kind] ??= []).push(ms) // two warm-up rounds
        }
      }
    }
    const noQuery: number[] = []
    for (let i = 0; i < 50; i++) {
      const started = performance.now()
      await listDocuments(db, actor, {})
      noQuery.push(performance.now() - started)
    }
    const all = Object.values(byKind).flat()
    result[who] = {
      visible: (await listDocuments(db, actor, {})).total,
      matches: totals,
      byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])),
      all: summarize(all),
      firstPageWithoutQuery: summarize(noQuery.slice(5)),
    }
  }
  // Reference: the query as it was, a few rounds (it takes seconds on common words).
  const actor = (await actorOf(db, corpus.typicalPersonId))!
  const legacy: Record<string, number[]> = {}
  for (let round = 0; round < 3; round++) {
    for (const [kind, qs] of Object.entries(queries)) {
      const started = performance.now()
      await legacyList(db, actor, qs[0]!)
      legacy[kind] = [...(legacy[kind] ?? []), performance.now() - started]
    }
  }
  result.referenceBefore = Object.fromEntries(Object.entries(legacy).map(([k, v]) => [k, summarize(v)]))
  await db.$disconnect()
  return result
}

// ---------------------------------------------------------------- 2. transitions

const bodyParagraphs = [
  '为深入贯彻落实党中央、国务院关于安全生产的决策部署，进一步做好今冬明春安全生产工作，经市政府同意，现将有关事项通知如下。',
  '一、提高思想认识。各地各部门要充分认识做好冬季安全生产工作的重要性和紧迫性，切实增强责任感和使命感。',
  '二、全面排查隐患。要围绕道路交通、消防、燃气、建筑施工等重点领域，建立问题清单、责任清单和整改清单。',
  '三、压实工作责任。各单位主要负责同志是第一责任人，要层层压实责任，确保各项措施落到实处。',
  '四、加强督促检查。市政府办公室将会同市应急管理局适时开展专项督查，对工作不力的单位予以通报。',
]

function bodyUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getXmlFragment(BODY_FRAGMENT).insert(0, bodyParagraphs.map((text) => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(text)])
    return p
  }))
  return Y.encodeStateAsUpdate(doc)
}

/** An organisation with a drafting division, a leader, and countersigning units with their heads. */
async function transitionOrganisation(db: Db) {
  await ensureDefaultTemplates(db)
  const unit = async (name: string, parent: { id: string; path: string; depth: number } | null, organCode: string | null = null) => {
    const id = uuidv7()
    return db.unit.create({ data: { id, name, shortName: name, kind: parent ? 'DEPARTMENT' : 'CITY', organCode, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 } })
  }
  const person = async (name: string, unitId: string, leaderRank: 'NONE' | 'PRINCIPAL' | 'DEPUTY' = 'NONE') => {
    const account = `tb${uuidv7().slice(-12)}`
    const p = await db.person.create({ data: { account, name, namePinyin: account, nameInitials: account, posts: { create: { unitId, title: '科员', leaderRank, isPrimary: true } } } })
    return { id: p.id, actor: (await actorOf(db, p.id))! }
  }
  const organ = await unit('基准市人民政府', null, '基准')
  const office = await unit('基准市政府办公室', organ)
  const clerk = await person('基准拟稿人', office.id)
  const head = await person('基准科长', office.id, 'PRINCIPAL')
  const leader = await person('基准市长', organ.id, 'DEPUTY')
  await db.leaderCharge.create({ data: { personId: leader.id, unitId: office.id } })
  const countersigners = []
  for (let i = 0; i < COUNTERSIGNERS; i++) {
    const u = await unit(`基准会签单位${i + 1}`, organ)
    countersigners.push({ unitId: u.id, ...(await person(`会签负责人${i + 1}`, u.id, 'PRINCIPAL')) })
  }
  return { clerk, head, leader, countersigners }
}

type Org = Awaited<ReturnType<typeof transitionOrganisation>>

/** Documents with a body, submitted, reviewed and waiting at 会签 for every countersigner. */
async function prepare(db: Db, org: Org, count: number): Promise<string[]> {
  const ids: string[] = []
  const update = bodyUpdate()
  const { unitId } = await db.post.findFirstOrThrow({ where: { personId: org.clerk.id } })
  const one = async (i: number) => {
    const { id } = await createDocument(db, org.clerk.actor, { kind: 'NOTICE', title: `关于做好冬季安全生产工作的通知（基准${i + 1}）`, unitId }, context)
    await appendUpdate(db, { docName: `document:${id}`, update, personId: org.clerk.id })
    await submitDocument(db, org.clerk.actor, id, { revision: await revisionOf(db, id) }, context)
    await actOnDocument(db, org.head.actor, id, { revision: await revisionOf(db, id), opinion: '拟同意，请各单位会签。', unitIds: org.countersigners.map((c) => c.unitId) }, context)
    ids.push(id)
  }
  for (let i = 0; i < count; i += 8) await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, j) => one(i + j)))
  return ids
}

function shuffle<T>(xs: T[]): T[] {
  const random = seededRandom(11)
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}

const revisionOf = async (db: Db, id: string) => (await db.document.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision

type Outcome = { endToEnd: number[]; attempts: number[]; stale: number; otherErrors: Record<string, number> }

/** One countersigner approving one document, as a person whose page went stale would: reload and act again. */
async function approve(db: Db, actor: Actor, id: string, outcome: Outcome) {
  const started = performance.now()
  for (;;) {
    const attempt = performance.now()
    try {
      await actOnDocument(db, actor, id, { revision: await revisionOf(db, id), opinion: '同意。' }, context)
      outcome.attempts.push(performance.now() - attempt)
      outcome.endToEnd.push(performance.now() - started)
      return
    } catch (error) {
      outcome.attempts.push(performance.now() - attempt)
      if (isAppError(error) && error.code === 'document.stale') {
        outcome.stale++
        continue
      }
      const code = isAppError(error) ? error.code : String((error as Error).message).slice(0, 80)
      outcome.otherErrors[code] = (outcome.otherErrors[code] ?? 0) + 1
      return
    }
  }
}

/** What the database says happened to these documents, against what exactly-once means. */
async function verify(db: Db, org: Org, ids: string[], revisionsBefore: Map<string, number>) {
  const [tasks, events, opinions, audits, docs, leaderTodos] = await Promise.all([
    db.documentTask.groupBy({ by: ['stepIndex', 'status'], where: { documentId: { in: ids } }, _count: { _all: true } }),
    db.documentEvent.groupBy({ by: ['action', 'stepName'], where: { documentId: { in: ids }, stepName: { in: ['会签', '签发'] } }, _count: { _all: true } }),
    db.documentOpinion.count({ where: { documentId: { in: ids }, stepName: '会签' } }),
    db.auditEvent.count({ where: { objectId: { in: ids }, action: 'document.act', actorId: { in: org.countersigners.map((c) => c.id) } } }),
    db.document.findMany({ where: { id: { in: ids } }, select: { id: true, revision: true, stepIndex: true, status: true } }),
    db.inboxItem.count({ where: { personId: org.leader.id, state: 'OPEN', kind: 'TODO', url: { in: ids.map((id) => `/documents/${id}`) } } }),
  ])
  const count = (stepIndex: number, status: string) => tasks.find((t) => t.stepIndex === stepIndex && t.status === status)?._count._all ?? 0
  const event = (action: string, stepName: string) => events.find((e) => e.action === action && e.stepName === stepName)?._count._all ?? 0
  const expected = ids.length * COUNTERSIGNERS
  const checks = {
    countersignTasksDone: { expected, actual: count(1, 'DONE') },
    countersignTasksPending: { expected: 0, actual: count(1, 'PENDING') },
    signOffTasksPending: { expected: ids.length, actual: count(2, 'PENDING') },
    approvedEvents: { expected, actual: event('APPROVED', '会签') },
    advancedToSignOff: { expected: ids.length, actual: event('ADVANCED', '签发') },
    opinions: { expected, actual: opinions },
    auditEntries: { expected, actual: audits },
    documentsAtSignOff: { expected: ids.length, actual: docs.filter((d) => d.stepIndex === 2 && d.status === 'IN_PROGRESS').length },
    revisionsMovedByExactlyFive: { expected: ids.length, actual: docs.filter((d) => d.revision === revisionsBefore.get(d.id)! + COUNTERSIGNERS).length },
    leaderTodos: { expected: ids.length, actual: leaderTodos },
  }
  return { ok: Object.values(checks).every((c) => c.expected === c.actual), checks }
}

async function benchTransitions(url: string) {
  const db = benchDb(url)
  const org = await transitionOrganisation(db)
  const documents = Math.ceil(TRANSITIONS / COUNTERSIGNERS)
  console.log(`  preparing ${documents} + 40 documents at 会签…`)
  const ids = await prepare(db, org, documents)
  const referenceIds = await prepare(db, org, 40)

  // Reference: one at a time.
  const reference: Outcome = { endToEnd: [], attempts: [], stale: 0, otherErrors: {} }
  const referenceBefore = new Map((await db.document.findMany({ where: { id: { in: referenceIds } }, select: { id: true, revision: true } })).map((d) => [d.id, d.revision]))
  let started = performance.now()
  for (const id of referenceIds) for (const c of org.countersigners) await approve(db, c.actor, id, reference)
  const referenceSeconds = (performance.now() - started) / 1000

  // All at once: every countersigner of every document presses at the same moment, in no particular
  // order (shuffled, so the pool is not filled with the five countersigners of one document).
  const before = new Map((await db.document.findMany({ where: { id: { in: ids } }, select: { id: true, revision: true } })).map((d) => [d.id, d.revision]))
  const outcome: Outcome = { endToEnd: [], attempts: [], stale: 0, otherErrors: {} }
  const presses = shuffle(ids.flatMap((id) => org.countersigners.map((c) => ({ id, actor: c.actor }))))
  started = performance.now()
  await Promise.all(presses.map((p) => approve(db, p.actor, p.id, outcome)))
  const seconds = (performance.now() - started) / 1000

  const result = {
    pool: POOL,
    concurrent: {
      transitions: ids.length * COUNTERSIGNERS, documents: ids.length, seconds: +seconds.toFixed(2),
      perSecond: +(outcome.endToEnd.length / seconds).toFixed(1),
      endToEnd: summarize(outcome.endToEnd), attempt: summarize(outcome.attempts),
      staleRefusalsRetried: outcome.stale, otherErrors: outcome.otherErrors,
      verification: await verify(db, org, ids, before),
    },
    oneAtATime: {
      transitions: referenceIds.length * COUNTERSIGNERS, seconds: +referenceSeconds.toFixed(2),
      perSecond: +(reference.endToEnd.length / referenceSeconds).toFixed(1),
      latency: summarize(reference.endToEnd), staleRefusals: reference.stale, otherErrors: reference.otherErrors,
      verification: await verify(db, org, referenceIds, referenceBefore),
    },
  }
  await db.$disconnect()
  return result
}

// ---------------------------------------------------------------- run

const database = await freshBenchDatabase({ name: 'documents', dataDir: 'bench-documents-postgres', port: Number(process.env.BENCH_DOCUMENTS_PG_PORT ?? 54533) })
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, documents: DOCUMENTS, loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)) }
try {
  if (ONLY !== 'transitions') await searchPart()
  if (ONLY !== 'search') await transitionsPart()
} finally {
  await database.stop()
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(path.join(root, 'bench/results/documents-latest.json'), JSON.stringify(results, null, 2))
console.log('Written to bench/results/documents-latest.json')
process.exit(process.exitCode ?? 0)

async function searchPart() {
  console.log(`Loading ${DOCUMENTS} documents…`)
  let started = Date.now()
  const corpus = await seedDocumentCorpus(database.url, DOCUMENTS)
  console.log(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  console.log('Search (listDocuments with q)…')
  started = Date.now()
  const search = await benchSearch(database.url, corpus)
  results.search = search
  for (const who of ['registry + routes', 'clerk (routes only)']) {
    const r = search[who] as { visible: number; byKind: Record<string, unknown>; all: unknown; firstPageWithoutQuery: unknown }
    console.log(`  ${who}: ${r.visible} visible documents`)
    console.table({ ...r.byKind, 'all queries': r.all, 'no query (first page)': r.firstPageWithoutQuery })
  }
  console.log('  reference: the query before (one OR across tables, ILIKE), registry + routes')
  console.table(search.referenceBefore)
  const p95 = ((search['registry + routes'] as { all: { p95: number } }).all).p95
  console.log(`  goal p95 ≤ 100 ms for the typical person: ${p95} ms — ${p95 <= 100 ? 'met' : 'NOT met'} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
}

async function transitionsPart() {
  console.log(`Step transitions: ${TRANSITIONS} at once at a parallel countersign step (pool ${POOL})…`)
  const transitions = await benchTransitions(database.url)
  results.transitions = transitions
  const { concurrent: c, oneAtATime: o } = transitions
  console.table({
    [`${c.transitions} at once`]: { seconds: c.seconds, perSecond: c.perSecond, ...c.endToEnd, staleRetried: c.staleRefusalsRetried, errors: Object.keys(c.otherErrors).length },
    'each attempt (at once)': { ...c.attempt },
    [`${o.transitions} one at a time`]: { seconds: o.seconds, perSecond: o.perSecond, ...o.latency, staleRetried: o.staleRefusals, errors: Object.keys(o.otherErrors).length },
  })
  console.table(Object.fromEntries(Object.entries(c.verification.checks).map(([k, v]) => [k, { ...v, ok: v.expected === v.actual }])))
  if (Object.keys(c.otherErrors).length) console.log('  errors:', c.otherErrors)
  results.loadAverageAtEnd = loadavg().map((l) => +l.toFixed(2))
  if (!transitions.concurrent.verification.ok || !transitions.oneAtATime.verification.ok) {
    console.log('  VERIFICATION FAILED: a transition was lost or applied twice')
    process.exitCode = 1
  }
}
