/**
 * Group commit: items added while one batch is being written wait for the next batch, which is
 * written as soon as that one finishes, all in one statement and one commit. When nothing is being
 * written, a batch starts at the end of the current event-loop turn (no timer, no added wait), so
 * it holds what arrived in the same turn. One batch at a time, in arrival order: an item is committed
 * after every item added before it, and its promise resolves only once its batch has committed (on
 * failure, every item of the batch rejects with the same error).
 *
 * Bounded: a batch holds at most `maxBatchRows` items and `maxBatchBytes` (but always at least one
 * item); beyond `maxQueuedRows` or `maxQueuedBytes` waiting, `add` rejects at once with
 * `QueueFullError` instead of letting memory and latency grow without end.
 */
export type GroupCommitOptions = {
  maxBatchRows: number
  maxBatchBytes: number
  maxQueuedRows: number
  maxQueuedBytes: number
}

export const defaultGroupCommitOptions: GroupCommitOptions = {
  maxBatchRows: 500,
  maxBatchBytes: 4 * 1024 * 1024,
  maxQueuedRows: 20_000,
  maxQueuedBytes: 64 * 1024 * 1024,
}

export class QueueFullError extends Error {
  constructor() {
    super('too many updates are waiting to be stored')
  }
}

export class GroupCommitClosedError extends Error {
  constructor() {
    super('the store is closed')
  }
}

type Waiting<T> = { item: T; bytes: number; resolve: () => void; reject: (error: unknown) => void }

export class GroupCommit<T> {
  private readonly options: GroupCommitOptions
  private queue: Waiting<T>[] = []
  private queuedBytes = 0
  /** The loop writing batches, while there is anything to write. */
  private writing: Promise<void> | undefined
  private isClosed = false
  /** What has been written (for benchmarks and tests). */
  readonly stats = { batches: 0, rows: 0, largestBatch: 0, failedBatches: 0 }

  constructor(
    /** Writes a batch; may answer items it refused (by index), each of which rejects with its reason. */
    private readonly write: (items: T[]) => Promise<void | ReadonlyMap<number, Error>>,
    private readonly sizeOf: (item: T) => number,
    options: Partial<GroupCommitOptions> = {},
  ) {
    this.options = { ...defaultGroupCommitOptions, ...options }
  }

  /** Resolves once the item is committed; rejects if its batch failed or the queue is full. */
  add(item: T): Promise<void> {
    if (this.isClosed) return Promise.reject(new GroupCommitClosedError())
    const bytes = this.sizeOf(item)
    const { maxQueuedRows, maxQueuedBytes } = this.options
    if (this.queue.length >= maxQueuedRows || (this.queue.length > 0 && this.queuedBytes + bytes > maxQueuedBytes)) {
      return Promise.reject(new QueueFullError())
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, bytes, resolve, reject })
      this.queuedBytes += bytes
      // Started at the end of this turn (setImmediate), so what arrives in the same turn goes with it.
      this.writing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.writeAll())
    })
  }

  /** Waits until everything added so far is written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing
  }

  /** Refuses new items and waits for those already added. */
  async close(): Promise<void> {
    this.isClosed = true
    await this.flush()
  }

  private async writeAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch()
      let refused: void | ReadonlyMap<number, Error>
      try {
        refused = await this.write(batch.map((w) => w.item))
      } catch (error) {
        this.stats.failedBatches++
        for (const w of batch) w.reject(error)
        continue
      }
      this.stats.batches++
      this.stats.rows += batch.length
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length)
      batch.forEach((w, i) => {
        const reason = refused?.get(i)
        if (reason) w.reject(reason)
        else w.resolve()
      })
    }
    this.writing = undefined
  }

  /** The oldest items, up to the batch bounds (at least one, however large). */
  private takeBatch(): Waiting<T>[] {
    const { maxBatchRows, maxBatchBytes } = this.options
    let count = 0
    let bytes = 0
    while (count < this.queue.length && count < maxBatchRows) {
      const next = this.queue[count]!.bytes
      if (count > 0 && bytes + next > maxBatchBytes) break
      bytes += next
      count++
    }
    this.queuedBytes -= bytes
    return this.queue.splice(0, count)
  }
}
