import type { Doc } from 'yjs'
import type { Db } from '../server/core/db/index.ts'
import { appendUpdates, loadStoredDocument, type NewUpdate } from '../server/coediting/index.ts'
import { logger } from '../server/core/logger.ts'
import { GroupCommit, type GroupCommitOptions } from './group-commit.ts'
import { inlineCompactor, type Compactor } from './compaction/compactor.ts'
import { AppendConnection } from './append-connection.ts'

/** Storing failed; the cause (a database error, not for clients) is logged once per batch. */
export class StoreFailedError extends Error {
  constructor(cause: unknown) {
    super('the update could not be stored', { cause })
  }
}

/** The session the update was sent in has ended (signed out, deactivated): it was not stored. */
export class SessionEndedError extends Error {
  constructor() {
    super('the session has ended; the update was not stored')
  }
}

/**
 * Documents live in PostgreSQL as a snapshot plus the updates after it (the format belongs to
 * server/coediting, which also reads it for versions and diffs). An update is stored before the server
 * applies or forwards it, so nothing a client has seen from another can be lost by a crash.
 *
 * Updates are stored by group commit (`GroupCommit`): those of every document that arrive while a
 * batch is being written go together in the next one, one INSERT and one commit. A commit per update
 * held the server to a few hundred updates a second (one disk sync each), and fan-out fell seconds
 * behind; a batch of hundreds costs about what one row did (bench/realtime/store-throughput.ts).
 */
export class Persistence {
  private readonly updates: GroupCommit<NewUpdate>
  private readonly compactor: Compactor
  private readonly connection: AppendConnection | undefined
  private readonly compactAfter: number
  private readonly onStored: ((seconds: number, isStored: boolean) => void) | undefined

  /**
   * `compactAfter`: updates before a compaction is due (500). `batching`: group commit's bounds.
   * `compactor`: where compaction runs (default: this thread). `databaseUrl`: store updates through a
   * `pg` connection of their own to this database (the server's hot path); without it, through `db`.
   * `appendTimeoutMs`: how long one batch may take on that connection before it fails (5 s).
   */
  constructor(private readonly db: Db, options: { compactAfter?: number; batching?: Partial<GroupCommitOptions>; compactor?: Compactor; databaseUrl?: string; appendTimeoutMs?: number; onStored?: (seconds: number, isStored: boolean) => void } = {}) {
    this.compactAfter = options.compactAfter ?? 500
    this.onStored = options.onStored
    this.compactor = options.compactor ?? inlineCompactor(db)
    const log = logger.child({ component: 'realtime', concern: 'persistence' })
    const connection = (this.connection = options.databaseUrl ? new AppendConnection(options.databaseUrl, log, options.appendTimeoutMs) : undefined)
    const write = async (rows: NewUpdate[]) => {
      let refused: number[]
      try {
        refused = connection ? await connection.append(rows) : await appendUpdates(db, rows)
      } catch (error) {
        log.error({ err: error, rows: rows.length, docs: [...new Set(rows.map((r) => r.docName))].slice(0, 20) }, 'a batch of updates could not be stored')
        throw new StoreFailedError(error)
      }
      return refused.length ? new Map(refused.map((i) => [i, new SessionEndedError()])) : undefined
    }
    this.updates = new GroupCommit(write, (row) => row.update.byteLength, options.batching)
  }

  /**
   * The stored document, without garbage collection (versions are snapshots of it, which need the
   * deleted content). Throws if it cannot be read: the caller must not serve (or overwrite) it.
   */
  async load(docName: string): Promise<{ doc: Doc; tail: number }> {
    return loadStoredDocument(this.db, docName)
  }

  /**
   * Store an update with the person whose connection sent it (authorship for track changes), if
   * the session it was sent in (`sessionId`) still lasts when it is written.
   * Resolves once it is committed, after every update stored before it. Rejects if its batch failed
   * (`StoreFailedError`), too many updates are waiting (`QueueFullError`) or the session has ended
   * (`SessionEndedError`): then it must not be applied (it is not stored, or not known to be).
   */
  store(docName: string, update: Uint8Array, personId: string | null, sessionId: string | null = null): Promise<void> {
    const stored = this.updates.add({ docName, update, personId, sessionId })
    const observe = this.onStored
    if (observe) {
      const started = performance.now()
      stored.then(
        () => observe((performance.now() - started) / 1000, true),
        (error) => error instanceof SessionEndedError || observe((performance.now() - started) / 1000, false),
      )
    }
    return stored
  }

  /**
   * Merge the updates into a new snapshot, in the background, once there are enough of them. Who
   * wrote and deleted what is folded into RealtimeAttribution before the rows are deleted. Runs on
   * the compactor's thread (the server's own: see `workerCompactor`).
   */
  async compact(docName: string): Promise<boolean> {
    return this.compactor.compact(docName, this.compactAfter)
  }

  get compactThreshold(): number {
    return this.compactAfter
  }

  /** How many batches and rows were written (benchmarks, tests). */
  get storeStats(): Readonly<GroupCommit<NewUpdate>['stats']> {
    return this.updates.stats
  }

  /** Refuses further updates and waits for those being stored (before the database is closed). */
  async close(): Promise<void> {
    await this.updates.close()
    await this.connection?.close()
    await this.compactor.close()
  }
}
