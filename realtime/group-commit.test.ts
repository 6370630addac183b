import { describe, expect, it } from 'vitest'
import { GroupCommit, GroupCommitClosedError, QueueFullError } from './group-commit.ts'

type Deferred = { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void }
const deferred = (): Deferred => {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
const turn = () => new Promise<void>((r) => setImmediate(r))

/** A batcher whose writes are held until the test lets each one finish. */
function heldBatcher(options: ConstructorParameters<typeof GroupCommit<string>>[2] = {}) {
  const writes: { items: string[]; done: Deferred }[] = []
  const batcher = new GroupCommit<string>(
    (items) => {
      const done = deferred()
      writes.push({ items, done })
      return done.promise
    },
    (item) => item.length,
    options,
  )
  return { batcher, writes }
}

describe('group commit', () => {
  it('writes what arrives in one turn as one batch, and resolves only once it is committed', async () => {
    const { batcher, writes } = heldBatcher()
    const settled: string[] = []
    const adds = ['a', 'b', 'c'].map((x) => batcher.add(x).then(() => settled.push(x)))
    await turn()
    expect(writes.map((w) => w.items)).toEqual([['a', 'b', 'c']])
    await turn()
    expect(settled).toEqual([])
    writes[0]!.done.resolve()
    await Promise.all(adds)
    expect(settled).toEqual(['a', 'b', 'c'])
    expect(batcher.stats).toMatchObject({ batches: 1, rows: 3, largestBatch: 3 })
  })

  it('queues what arrives during a write for the next batch, written as soon as that write ends', async () => {
    const { batcher, writes } = heldBatcher()
    const first = batcher.add('a')
    await turn()
    const later = [batcher.add('b'), batcher.add('c')]
    await turn()
    await turn()
    expect(writes).toHaveLength(1) // one batch at a time
    writes[0]!.done.resolve()
    await first
    await turn()
    expect(writes.map((w) => w.items)).toEqual([['a'], ['b', 'c']])
    writes[1]!.done.resolve()
    await Promise.all(later)
  })

  it('rejects every caller of a failed batch, and goes on with the next', async () => {
    const { batcher, writes } = heldBatcher()
    const failed = [batcher.add('a'), batcher.add('b')].map((p) => p.then(() => 'stored', (e: unknown) => e))
    await turn()
    const next = batcher.add('c')
    const error = new Error('connection lost')
    writes[0]!.done.reject(error)
    expect(await Promise.all(failed)).toEqual([error, error])
    await turn()
    expect(writes[1]!.items).toEqual(['c'])
    writes[1]!.done.resolve()
    await next
    expect(batcher.stats).toMatchObject({ batches: 1, failedBatches: 1, rows: 1 })
  })

  it('bounds a batch by rows and by bytes (a larger item goes alone), in arrival order', async () => {
    const { batcher, writes } = heldBatcher({ maxBatchRows: 3, maxBatchBytes: 10 })
    const items = ['1', '2', '3', '4', 'five-5', '6789012345678', '7']
    const adds = Promise.all(items.map((x) => batcher.add(x)))
    for (let i = 0; i < 10; i++) {
      await turn()
      for (const w of writes) w.done.resolve()
    }
    await adds
    expect(writes.map((w) => w.items)).toEqual([['1', '2', '3'], ['4', 'five-5'], ['6789012345678'], ['7']])
  })

  it('refuses items beyond the queue bound at once, without touching those queued', async () => {
    const { batcher, writes } = heldBatcher({ maxQueuedRows: 2 })
    const queued = [batcher.add('a'), batcher.add('b')]
    await expect(batcher.add('c')).rejects.toBeInstanceOf(QueueFullError)
    await turn()
    // Taken into the batch being written: the queue has room again.
    const next = batcher.add('d')
    writes[0]!.done.resolve()
    await Promise.all(queued)
    await turn()
    writes[1]!.done.resolve()
    await next
    expect(writes.map((w) => w.items)).toEqual([['a', 'b'], ['d']])
  })

  it('refuses items by queued bytes too (one item is always taken)', async () => {
    const { batcher, writes } = heldBatcher({ maxQueuedBytes: 4 })
    const huge = batcher.add('0123456789')
    await expect(batcher.add('x')).rejects.toBeInstanceOf(QueueFullError)
    await turn()
    writes[0]!.done.resolve()
    await huge
  })

  it('close waits for what was added and refuses anything after', async () => {
    const { batcher, writes } = heldBatcher()
    const pending = batcher.add('a')
    const closed = batcher.close()
    await expect(batcher.add('b')).rejects.toBeInstanceOf(GroupCommitClosedError)
    let isClosed = false
    void closed.then(() => (isClosed = true))
    await turn()
    await turn()
    expect(isClosed).toBe(false)
    writes[0]!.done.resolve()
    await pending
    await closed
  })
})
