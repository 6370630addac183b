/**
 * The compaction thread: merges a document's update rows into its snapshot (server/coediting's
 * `compactDocument`) with its own small database pool, away from the thread that forwards edits.
 * Messages: `{ id, databaseUrl, docName, minUpdates }` in, `{ id, compacted }` or `{ id, error }` out.
 */
import { parentPort } from 'node:worker_threads'
import { createDb, type Db } from '../../server/core/db/index.ts'
import { compactDocument } from '../../server/coediting/index.ts'

export type CompactionRequest = { id: number; databaseUrl: string; docName: string; minUpdates: number }
export type CompactionReply = { id: number; compacted: boolean } | { id: number; error: string }

const pools = new Map<string, Db>()
const dbFor = (url: string): Db => {
  let db = pools.get(url)
  if (!db) pools.set(url, (db = createDb(url, 2)))
  return db
}

const port = parentPort
if (!port) throw new Error('realtime/compaction/worker.ts runs as a worker thread')
port.on('message', (request: CompactionRequest) => {
  compactDocument(dbFor(request.databaseUrl), request.docName, { minUpdates: request.minUpdates })
    .then((compacted) => port.postMessage({ id: request.id, compacted } satisfies CompactionReply))
    .catch((error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies CompactionReply))
})
port.postMessage('ready')
