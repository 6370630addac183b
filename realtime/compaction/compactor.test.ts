import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { config } from '../../server/core/config.ts'
import { db } from '../../server/core/db/index.ts'
import { logger } from '../../server/core/logger.ts'
import { appendUpdates, loadStoredDocument } from '../../server/coediting/index.ts'
import { readStoredState } from '../../server/coediting/stored-state.ts'
import { buildPerson } from '../../server/test/factories.ts'
import { workerCompactor, type Compactor } from './compactor.ts'

/** `count` keystrokes into one text, each stored as its own row (as the server stores them). */
async function typeRows(docName: string, personId: string, count: number): Promise<string> {
  const doc = new Y.Doc({ gc: false })
  const rows: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => rows.push(update))
  for (let i = 0; i < count; i++) doc.getText('body').insert(i, '文字样本'[i % 4]!)
  await appendUpdates(db(), rows.map((update) => ({ docName, update, personId })))
  return doc.getText('body').toString()
}

let compactor: Compactor | undefined
afterEach(async () => {
  await compactor?.close()
  compactor = undefined
})

describe('compaction on its own thread', () => {
  it('merges the rows into the snapshot in a worker thread, with authorship folded, and the document reads the same', async () => {
    const person = await buildPerson()
    const text = await typeRows('doc-thread-compaction', person.id, 600)
    compactor = workerCompactor(config().DATABASE_URL, db(), logger)

    expect(await compactor.compact('doc-thread-compaction', 500)).toBe(true)
    const stored = await readStoredState(db(), 'doc-thread-compaction')
    expect(stored.updates).toHaveLength(0)
    expect(stored.snapshot).not.toBeNull()
    const { doc } = await loadStoredDocument(db(), 'doc-thread-compaction')
    expect(doc.getText('body').toString()).toBe(text)
    const folded = await db().realtimeAttribution.findMany({ where: { docName: 'doc-thread-compaction' } })
    expect(folded.map((row) => row.personId)).toEqual([person.id])

    // Below the threshold: nothing to do, and the thread is reused.
    await typeRows('doc-thread-compaction-small', person.id, 20)
    expect(await compactor.compact('doc-thread-compaction-small', 500)).toBe(false)
    expect((await readStoredState(db(), 'doc-thread-compaction-small')).updates).toHaveLength(20)
  })

  it('a compaction that fails (the database cannot be reached) rejects and leaves every row as it was', async () => {
    const person = await buildPerson()
    await typeRows('doc-thread-compaction-fails', person.id, 600)
    const unreachable = new URL(config().DATABASE_URL)
    unreachable.port = '1'
    compactor = workerCompactor(unreachable.toString(), db(), logger)

    await expect(compactor.compact('doc-thread-compaction-fails', 500)).rejects.toThrow()
    const stored = await readStoredState(db(), 'doc-thread-compaction-fails')
    expect(stored.updates).toHaveLength(600)
    expect(stored.snapshot).toBeNull()
  })
})
