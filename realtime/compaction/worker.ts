/**
 * The compaction thread: merges a document's update rows into its snapshot (server/coediting's
 * `compactDocument`) with its own small database pool, away from the thread that forwards edits.
 * Started with `workerData: { databaseUrl }`; says `ready` once warmed up (connected, queries
 * prepared: a first compaction would otherwise do that work in the middle of a busy document).
 * Messages: `{ id, docName, minUpdates }` in, `{ id, compacted }` or `{ id, error }` out.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createDb } from '../../server/core/db/index.ts'
import { compactDocument } from '../../server/coediting/index.ts'

export type CompactionRequest = { id: number; docName: string; minUpdates: number }
export type CompactionReply = { id: number; compacted: boolean } | { id: number; error: string }

const port = parentPort
if (!port) throw new Error('realtime/compaction/worker.ts runs as a worker thread')
const db = createDb((workerData as { databaseUrl: string }).databaseUrl, 2)

port.on('message', (request: CompactionRequest) => {
  compactDocument(db, request.docName, { minUpdates: request.minUpdates })
    .then((compacted) => port.postMessage({ id: request.id, compacted } satisfies CompactionReply))
    .catch((error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies CompactionReply))
})

// Warm up on a document name no client can use (names are [A-Za-z0-9:_-]); a database that cannot
// be reached is reported by the first real compaction.
await compactDocument(db, ' warm-up', { minUpdates: Number.POSITIVE_INFINITY }).catch(() => undefined)
port.postMessage('ready')
