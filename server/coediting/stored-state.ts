import type { Db, Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'

/**
 * How a co-edited document is stored: a merged snapshot (`RealtimeSnapshot`) plus every update row
 * still in `RealtimeUpdate`, and who wrote what (`RealtimeAttribution`, folded out of compacted rows).
 *
 * The stored document is the snapshot plus *all* remaining rows, not only those after `upToId`: ids
 * come from a sequence and are taken before commit, so a row can become visible after a compaction
 * merged higher ids. Such a row is still stored and must still be applied (applying an update twice
 * is harmless in Yjs). Compaction deletes exactly the rows it merged.
 */
export type StoredUpdate = { id: bigint; update: Uint8Array; personId: string | null }
export type FoldedAttribution = { personId: string; clientIds: bigint[]; deleteSet: Uint8Array }
export type StoredState = { snapshot: { state: Uint8Array; upToId: bigint } | null; updates: StoredUpdate[] }
export type StoredHistory = StoredState & { attributions: FoldedAttribution[] }

// kind 0: the snapshot (id: its upToId), 1: a folded attribution, 2: an update row.
type Row = { kind: 0 | 1 | 2; id: bigint | null; data: Uint8Array; personId: string | null; clientIds: bigint[] | null }

const toStoredState = (rows: Row[]): StoredHistory => {
  const state: StoredHistory = { snapshot: null, updates: [], attributions: [] }
  for (const row of rows) {
    if (row.kind === 0) state.snapshot = { state: row.data, upToId: row.id! }
    else if (row.kind === 2) state.updates.push({ id: row.id!, update: row.data, personId: row.personId })
    else state.attributions.push({ personId: row.personId!, clientIds: row.clientIds ?? [], deleteSet: row.data })
  }
  return state
}

/**
 * The snapshot and the updates of a document, read in one statement: a compaction that commits
 * between two separate reads would otherwise hide the rows it merged (new snapshot not yet seen, its
 * rows already deleted).
 */
export async function readStoredState(db: Db | Tx, docName: string): Promise<StoredState> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT 0 AS kind, "upToId" AS id, state AS data, NULL::uuid AS "personId", NULL::bigint[] AS "clientIds"
      FROM "RealtimeSnapshot" WHERE "docName" = ${docName}
    UNION ALL
    SELECT 2, id, update, "personId", NULL FROM "RealtimeUpdate" WHERE "docName" = ${docName}
    ORDER BY kind, id`
  const { snapshot, updates } = toStoredState(rows)
  return { snapshot, updates }
}

/** As `readStoredState`, with the folded attribution, all in one statement (so they agree). */
export async function readStoredHistory(db: Db | Tx, docName: string): Promise<StoredHistory> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT 0 AS kind, "upToId" AS id, state AS data, NULL::uuid AS "personId", NULL::bigint[] AS "clientIds"
      FROM "RealtimeSnapshot" WHERE "docName" = ${docName}
    UNION ALL
    SELECT 1, NULL, "deleteSet", "personId", "clientIds" FROM "RealtimeAttribution" WHERE "docName" = ${docName}
    UNION ALL
    SELECT 2, id, update, "personId", NULL FROM "RealtimeUpdate" WHERE "docName" = ${docName}
    ORDER BY kind, id, "personId"`
  return toStoredState(rows)
}

/**
 * As `readStoredHistory`, with the update rows read in pages by id and `pause` between pages, for
 * compaction beside live editing (parsing thousands of rows at once stalls the thread). Call it under
 * `lockDocumentHistory`. A row that becomes visible behind the cursor is simply not read: compaction
 * neither merges nor deletes it, and loading still applies it.
 */
export async function readStoredHistoryPaged(tx: Tx, docName: string, pageSize: number, pause: () => Promise<void>, limit = Number.POSITIVE_INFINITY): Promise<StoredHistory> {
  const head = await tx.$queryRaw<Row[]>`
    SELECT 0 AS kind, "upToId" AS id, state AS data, NULL::uuid AS "personId", NULL::bigint[] AS "clientIds"
      FROM "RealtimeSnapshot" WHERE "docName" = ${docName}
    UNION ALL
    SELECT 1, NULL, "deleteSet", "personId", "clientIds" FROM "RealtimeAttribution" WHERE "docName" = ${docName}
    ORDER BY kind, "personId"`
  const history = toStoredState(head)
  let after = -1n
  for (;;) {
    const page = await tx.$queryRaw<{ id: bigint; update: Uint8Array; personId: string | null }[]>`
      SELECT id, update, "personId" FROM "RealtimeUpdate" WHERE "docName" = ${docName} AND id > ${after} ORDER BY id LIMIT ${Math.min(pageSize, limit - history.updates.length)}`
    history.updates.push(...page)
    if (page.length < pageSize || history.updates.length >= limit) return history
    after = page.at(-1)!.id
    await pause()
  }
}

/** Prisma's Bytes wants an ArrayBuffer-backed array; Yjs hands out ArrayBufferLike ones. */
export const bytes = (u: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(u)

/**
 * `sessionId`: the sign-in session the update was sent in (the co-editing server's connections); the
 * row is stored only if that session still lasts, its person still active, when the statement runs.
 * Without one (updates written by the platform itself, tests), the row is stored unconditionally.
 */
export type NewUpdate = { docName: string; update: Uint8Array; personId: string | null; sessionId?: string | null }

/** Append an update to a document's storage; returns the row's id. */
export async function appendUpdate(db: Db | Tx, input: NewUpdate): Promise<bigint> {
  const row = await db.realtimeUpdate.create({ data: { docName: input.docName, update: bytes(input.update), personId: input.personId }, select: { id: true } })
  return row.id
}

/**
 * Append updates of any documents in one statement, so in one commit (`appendUpdate` commits each
 * row on its own, which caps the rate at what the disk can sync). Ids follow the order given, so within a document "first stored" (authorship) stays the
 * order in which the updates arrived. All rows or none fail: one that cannot be stored fails them all.
 * Returns the indexes (into `rows`) of those refused because their session had ended.
 */
export async function appendUpdates(db: Db | Tx, rows: NewUpdate[]): Promise<number[]> {
  if (rows.length === 0) return []
  return refusedIndexes(await db.$queryRawUnsafe<{ position: bigint | string | number }[]>(APPEND_UPDATES, ...appendParameters(rows)))
}

/**
 * The statement and parameters of `appendUpdates`, for a plain `pg` connection: the co-editing
 * server stores every update on its hot path through a connection of its own (see
 * realtime/append-connection.ts), without the ORM's per-query work. It answers the (1-based)
 * positions of the rows refused: their session had ended (signed out, deactivated, expired).
 */
export const APPEND_UPDATES = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::bytea[], $3::uuid[], $4::text[]) WITH ORDINALITY AS row("docName", update, "personId", "sessionId", position)
  ), allowed AS (
    SELECT * FROM input i
     WHERE i."sessionId" IS NULL OR EXISTS (
       SELECT 1 FROM "Session" s JOIN "Person" p ON p.id = s."personId"
        WHERE s.id = i."sessionId" AND s."personId" = i."personId" AND p."isActive" AND NOT s."isSecondFactorPending" AND s."expiresAt" > $5::timestamptz)
  ), stored AS (
    INSERT INTO "RealtimeUpdate" ("docName", update, "personId")
    SELECT "docName", update, "personId" FROM allowed ORDER BY position
    RETURNING 1
  )
  SELECT position FROM input i WHERE NOT EXISTS (SELECT 1 FROM allowed a WHERE a.position = i.position)`

export const appendParameters = (rows: NewUpdate[]): [string[], Uint8Array[], (string | null)[], (string | null)[], Date] =>
  [rows.map((r) => r.docName), rows.map((r) => r.update), rows.map((r) => r.personId), rows.map((r) => r.sessionId ?? null), clock.now()]

/** `APPEND_UPDATES`'s answer as indexes into the rows given. */
export const refusedIndexes = (answer: { position: bigint | string | number }[]): number[] => answer.map((r) => Number(r.position) - 1)

// Two int4 keys: a key space apart from the single-bigint locks used elsewhere (audit chain, setup).
const HISTORY_LOCK_SPACE = 0x5854_4448 // "XTDH"

/**
 * Serialise changes to a document's stored history (compaction, attribution folding, version
 * numbering, restoring) until the transaction ends. Live updates are appended without it.
 */
export async function lockDocumentHistory(tx: Tx, docName: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HISTORY_LOCK_SPACE}::int4, hashtext(${docName}))`
}

/** As `lockDocumentHistory` if nobody holds the lock now; false (and no lock) otherwise. Background work takes this. */
export async function tryLockDocumentHistory(tx: Tx, docName: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${HISTORY_LOCK_SPACE}::int4, hashtext(${docName})) AS locked`
  return row?.locked === true
}
