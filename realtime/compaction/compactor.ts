import { Worker } from 'node:worker_threads'
import type { Db } from '../../server/core/db/index.ts'
import { compactDocument } from '../../server/coediting/index.ts'
import type { Logger } from '../../server/core/logger.ts'
import type { CompactionReply, CompactionRequest } from './worker.ts'

/** Merges a document's stored updates into its snapshot; resolves whether it did. */
export interface Compactor {
  compact(docName: string, minUpdates: number): Promise<boolean>
  /** Resolves once it can compact without first warming up (never rejects). */
  ready(): Promise<void>
  close(): Promise<void>
}

/** Compaction on the calling thread (tests, tools; it works in slices between turns of the loop). */
export function inlineCompactor(db: Db): Compactor {
  return {
    compact: (docName, minUpdates) => compactDocument(db, docName, { minUpdates }),
    ready: async () => undefined,
    close: async () => undefined,
  }
}

/**
 * Compaction on a worker thread with its own database pool. Compacting the document fifty people are
 * typing into (thousands of rows: read, fold authorship, rebuild, encode, write) took the server's
 * thread for tens of milliseconds at a time even in slices, and every edit forwarded meanwhile waited:
 * that was the tail of the fan-out latency. The thread starts at once (loading it takes about a second
 * of CPU, better spent before the first busy document than during it), runs at a low priority, and is
 * restarted on the next compaction if it dies; if it cannot start at all, compaction falls back to the
 * calling thread, with a warning.
 */
export function workerCompactor(databaseUrl: string, db: Db, log: Logger): Compactor {
  let worker: Promise<Worker> | null = null
  let fallback: Compactor | null = null
  let nextId = 0
  const waiting = new Map<number, { resolve: (compacted: boolean) => void; reject: (error: Error) => void }>()

  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error)
    waiting.clear()
  }
  const start = (): Promise<Worker> => new Promise((resolve, reject) => {
    const thread = new Worker(new URL('./worker-entry.mjs', import.meta.url), { env: process.env, workerData: { databaseUrl } })
    thread.unref()
    let ready = false
    thread.on('message', (message: CompactionReply | 'ready') => {
      if (message === 'ready') {
        ready = true
        return resolve(thread)
      }
      const call = waiting.get(message.id)
      waiting.delete(message.id)
      if (!call) return
      if ('error' in message) {
        log.warn({ error: message.error }, 'a compaction failed; its rows stay stored and it is tried again later')
        call.reject(new Error(message.error))
      }
      else call.resolve(message.compacted)
    })
    thread.on('error', (error) => {
      if (!ready) return reject(error)
      log.error({ err: error }, 'the compaction thread failed; it restarts on the next compaction')
      failAll(error)
    })
    thread.on('exit', (code) => {
      worker = null
      if (!ready) reject(new Error(`the compaction thread exited with ${code} before it started`))
      else failAll(new Error(`the compaction thread exited with ${code}`))
    })
  })

  worker = start()
  worker.catch(() => undefined) // seen by the first compaction, which falls back
  return {
    async compact(docName, minUpdates) {
      if (fallback) return fallback.compact(docName, minUpdates)
      worker ??= start()
      let thread: Worker
      try {
        thread = await worker
      } catch (error) {
        log.warn({ err: error }, 'compaction cannot run on its own thread; it runs on the server’s thread')
        fallback = inlineCompactor(db)
        return fallback.compact(docName, minUpdates)
      }
      const id = ++nextId
      return new Promise<boolean>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        thread.postMessage({ id, docName, minUpdates } satisfies CompactionRequest)
      })
    },
    async ready() {
      await worker?.catch(() => undefined)
    },
    async close() {
      const thread = worker
      worker = null
      if (!thread) return
      failAll(new Error('the co-editing server is closing'))
      await (await thread.catch(() => null))?.terminate()
    },
  }
}
