/**
 * A long document with a realistic history, stored as our server stores it, and the time the stock
 * client takes to open it cold.
 *
 * History: three people take turns typing a 公文 in Chinese on synced replicas, in the editor's shape
 * (paragraphs in the `default` XmlFragment, as tiptap keeps them), as an input method commits text (1–3
 * characters at the caret), with backspaces, caret jumps, new paragraphs and the odd selection deleted; one Yjs update per keystroke, until all the updates merged
 * (`Y.mergeUpdates`, deleted text included: what compaction stored until it stored the document encoded
 * afresh, about 55 % of that) reach the target size, so that runs before and after compare.
 * Storage: one RealtimeUpdate row per update, merged into a RealtimeSnapshot by realtime/persistence.ts's
 * own compaction, then a tail of updates after the snapshot (a room between two compactions).
 */
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { summarize } from './stats.ts'

const SOURCE =
  '为深入贯彻落实党中央、国务院关于防汛抗旱工作的决策部署，切实做好今年汛期各项工作，最大限度减少灾害损失，保障人民群众生命财产安全，' +
  '现就有关事项通知如下。一、提高思想认识，压紧压实防汛责任。各区县人民政府、市直各部门要充分认识今年防汛形势的复杂性和严峻性，' +
  '坚持人民至上、生命至上，克服麻痹思想和侥幸心理，把防汛工作摆在突出位置。二、加强监测预警，做好会商研判。气象、水文、自然资源等部门' +
  '要加密监测频次，及时发布预警信息，确保预警信息第一时间传递到基层责任人和受威胁群众。三、全面排查隐患，落实整改措施。对水库、堤防、' +
  '山洪灾害危险区、地质灾害隐患点、城市低洼易涝区域开展拉网式排查，建立问题清单，明确整改时限。四、做好应急准备，强化值班值守。' +
  '各级各部门要严格执行二十四小时值班和领导带班制度，保持通讯畅通，遇有重大情况及时报告，不得迟报、漏报、瞒报。'

/** A small seeded generator, so every run builds the same history. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** stateBytes: the final document encoded afresh (Y.encodeStateAsUpdate, no garbage collection). */
export type History = { updates: { update: Uint8Array; author: number }[]; text: string; stateBytes: number }

/** The editor's body, as tiptap keeps it: paragraphs (XmlElement) of text (XmlText) in one fragment. */
export const BODY = 'default'

export const bodyOf = (doc: Y.Doc): string => doc.getXmlFragment(BODY).toString()

export function buildHistory(targetBytes: number, typists = 3): History {
  const random = seeded(20260)
  const docs = Array.from({ length: typists }, () => new Y.Doc({ gc: false }))
  const updates: History['updates'] = []
  docs.forEach((doc, author) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'local') return
      updates.push({ update, author })
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, 'remote')
    }),
  )
  const paragraph = () => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText()])
    return p
  }
  docs[0]!.transact(() => docs[0]!.getXmlFragment(BODY).insert(0, [paragraph()]), 'local')
  // Each typist's caret: a relative position in a paragraph's text, so other people's typing does not
  // move it.
  const firstText = (doc: Y.Doc) => (doc.getXmlFragment(BODY).get(0) as Y.XmlElement).get(0) as Y.XmlText
  const carets = docs.map((d) => Y.createRelativePositionFromTypeIndex(firstText(d), 0))
  const sourceAt = docs.map((_, i) => Math.floor((i * SOURCE.length) / typists))
  let typist = 0
  let merged: Uint8Array = new Uint8Array([0, 0])
  let mergedUpTo = 0
  for (let step = 1; ; step++) {
    if (random() < 0.01) typist = Math.floor(random() * typists) // another person takes over
    const doc = docs[typist]!
    const body = doc.getXmlFragment(BODY)
    const at = Y.createAbsolutePositionFromRelativePosition(carets[typist]!, doc)
    let text = (at?.type as Y.XmlText | undefined) ?? firstText(doc)
    let caret = Math.min(text.length, at?.index ?? 0)
    const r = random()
    doc.transact(() => {
      if (r < 0.8) {
        const n = 1 + Math.floor(random() * 3)
        let chars = ''
        for (let i = 0; i < n; i++) chars += SOURCE[sourceAt[typist]!++ % SOURCE.length]
        text.insert(caret, chars)
        caret += n
      } else if (r < 0.94) {
        const n = Math.min(caret, 1 + Math.floor(random() * 2))
        if (n > 0) text.delete(caret - n, n)
        caret -= n
      } else if (r < 0.97) {
        const p = body.get(Math.floor(random() * body.length)) as Y.XmlElement
        text = p.get(0) as Y.XmlText
        caret = Math.floor(random() * (text.length + 1))
      } else if (r < 0.99) {
        const n = Math.min(text.length - caret, 5 + Math.floor(random() * 36))
        if (n > 0) text.delete(caret, n)
      } else {
        // Enter: a new paragraph after this one.
        const index = body.toArray().indexOf(text.parent as Y.XmlElement)
        const p = paragraph()
        body.insert(index + 1, [p])
        text = p.get(0) as Y.XmlText
        caret = 0
      }
    }, 'local')
    carets[typist] = Y.createRelativePositionFromTypeIndex(text, caret)
    if (step % 200 === 0) {
      // The size measure: the updates merged (see above; compaction now stores `stateBytes`' encoding).
      merged = Y.mergeUpdates([merged, ...updates.slice(mergedUpTo).map((u) => u.update)])
      mergedUpTo = updates.length
      if (merged.byteLength >= targetBytes) return { updates, text: bodyOf(docs[0]!), stateBytes: Y.encodeStateAsUpdate(docs[0]!).byteLength }
    }
  }
}

/** Stores the history under `docName` as the server would have: rows, compaction, then a tail of rows. */
export async function storeHistory(url: string, docName: string, history: History, personIds: string[], tail = 250): Promise<{ snapshotBytes: number; tailRows: number; tailBytes: number }> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', (error) => console.error(`  PostgreSQL connection lost: ${error.message}`))
  await client.connect()
  const insert = async (rows: History['updates']) => {
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000)
      await client.query(
        `INSERT INTO "RealtimeUpdate"("docName", update, "personId") SELECT $1, u, p FROM unnest($2::bytea[], $3::uuid[]) WITH ORDINALITY AS x(u, p, n) ORDER BY n`,
        [docName, chunk.map((r) => Buffer.from(r.update)), chunk.map((r) => personIds[r.author % personIds.length])],
      )
    }
  }
  const head = history.updates.slice(0, -tail)
  await insert(head)
  process.env.DATABASE_URL = url
  const { createDb } = await import('../../server/core/db/index.ts')
  const { Persistence } = await import('../../realtime/persistence.ts')
  const db = createDb(url, 2)
  await new Persistence(db).compact(docName)
  await db.$disconnect()
  await insert(history.updates.slice(-tail))
  const snapshot = await client.query(`SELECT octet_length(state) AS n FROM "RealtimeSnapshot" WHERE "docName" = $1`, [docName])
  const rows = await client.query(`SELECT count(*)::int AS n, coalesce(sum(octet_length(update)), 0)::int AS bytes FROM "RealtimeUpdate" WHERE "docName" = $1`, [docName])
  await client.end()
  return { snapshotBytes: Number(snapshot.rows[0]?.n ?? 0), tailRows: rows.rows[0].n, tailBytes: rows.rows[0].bytes }
}

/** Copies a stored document (snapshot and rows, whatever their columns) under other names. */
export async function copyDocument(url: string, from: string, to: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', (error) => console.error(`  PostgreSQL connection lost: ${error.message}`))
  await client.connect()
  for (const table of ['RealtimeSnapshot', 'RealtimeAttribution', 'RealtimeUpdate']) {
    const columns = await client.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'NO' AND coalesce(column_default, '') NOT LIKE 'nextval%'
        ORDER BY ordinal_position`,
      [table],
    )
    const names = columns.rows.map((r) => r.column_name as string)
    if (!names.length) continue // a table this schema does not have
    const list = names.map((n) => `"${n}"`).join(', ')
    const select = names.map((n) => (n === 'docName' ? '$2' : `"${n}"`)).join(', ')
    const order = table === 'RealtimeUpdate' ? 'ORDER BY id' : ''
    for (const name of to) await client.query(`INSERT INTO "${table}"(${list}) SELECT ${select} FROM "${table}" WHERE "docName" = $1 ${order}`, [from, name])
  }
  await client.end()
}

/** Time from creating the stock WebsocketProvider to `synced`; checks it got the whole text. */
async function open(port: number, docName: string, ticket: string, expected: string): Promise<{ ms: number; provider: WebsocketProvider }> {
  const doc = new Y.Doc()
  const started = performance.now()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, docName, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket } })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${docName}: not synced after 30 s`)), 30_000)
    provider.on('sync', (synced: boolean) => {
      if (!synced) return
      clearTimeout(timer)
      resolve()
    })
  })
  const ms = performance.now() - started
  if (bodyOf(doc) !== expected) throw new Error(`${docName}: the loaded text differs from the history's`)
  return { ms, provider }
}

/**
 * Cold: the first connection to a copy the server has never opened (loaded from PostgreSQL). Warm: a
 * second connection while the first is still open (the room is in memory): the rest is transfer.
 */
export async function measureLoads(port: number, names: string[], ticketFor: (doc: string) => string, expected: string) {
  const cold: number[] = []
  const warm: number[] = []
  for (const name of names) {
    const first = await open(port, name, ticketFor(name), expected)
    const second = await open(port, name, ticketFor(name), expected)
    cold.push(first.ms)
    warm.push(second.ms)
    first.provider.destroy()
    second.provider.destroy()
  }
  return { cold: summarize(cold), warm: summarize(warm) }
}
