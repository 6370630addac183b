import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { db } from '../core/db/index.ts'
import { compactDocument, HistoryBusyError } from './compact-document.ts'
import { loadDocument } from './load-document.ts'
import { appendUpdates, lockDocumentHistory } from './stored-state.ts'

describe('compaction', () => {
  it('stores the document encoded afresh: smaller than the merged rows, same document, deleted text kept', async () => {
    const docName = 'doc-compact-fresh'
    const source = new Y.Doc({ gc: false })
    const updates: Uint8Array[] = []
    source.on('update', (u: Uint8Array) => updates.push(u))
    const text = source.getText('body')
    // Keystrokes, as typed: one update each, with backspaces.
    for (const ch of '关于做好防汛抗旱工作的通知请各单位认真贯彻落实') {
      text.insert(text.length, ch)
      if (text.length % 5 === 0) text.delete(text.length - 2, 1)
    }
    const earlier = Y.snapshot(source)
    const earlierText = text.toString()
    text.delete(0, 4)
    await appendUpdates(db(), updates.map((update) => ({ docName, update, personId: null })))

    expect(await compactDocument(db(), docName, { minUpdates: 1 })).toBe(true)
    const stored = await db().realtimeSnapshot.findUniqueOrThrow({ where: { docName } })
    expect(stored.state.byteLength).toBeLessThan(Y.mergeUpdates(updates).byteLength / 2)
    expect(await db().realtimeUpdate.count({ where: { docName } })).toBe(0)

    const loaded = await loadDocument(db(), docName)
    expect(loaded.getText('body').toString()).toBe(text.toString())
    expect(Y.equalSnapshots(Y.snapshot(loaded), Y.snapshot(source))).toBe(true)
    // A version taken before the last deletion still shows the text it had.
    expect(Y.createDocFromSnapshot(loaded, earlier).getText('body').toString()).toBe(earlierText)
  })

  it('reads and merges many pages of rows, and a second compaction folds the rows stored after the first', async () => {
    const docName = 'doc-compact-pages'
    const source = new Y.Doc({ gc: false })
    const updates: Uint8Array[] = []
    source.on('update', (u: Uint8Array) => updates.push(u))
    const text = source.getText('body')
    for (let i = 0; i < 2600; i++) text.insert(text.length, '文')
    await appendUpdates(db(), updates.splice(0).map((update) => ({ docName, update, personId: null })))
    expect(await compactDocument(db(), docName, { minUpdates: 1 })).toBe(true)
    for (let i = 0; i < 1100; i++) text.insert(0, '稿')
    await appendUpdates(db(), updates.splice(0).map((update) => ({ docName, update, personId: null })))
    expect(await compactDocument(db(), docName, { minUpdates: 1 })).toBe(true)
    expect(await db().realtimeUpdate.count({ where: { docName } })).toBe(0)
    const loaded = await loadDocument(db(), docName)
    expect(loaded.getText('body').toString()).toBe(text.toString())
    expect(loaded.getText('body').length).toBe(3700)
  })
})

describe('compaction beside approvals', () => {
  const keystrokes = (count: number) => {
    const doc = new Y.Doc({ gc: false })
    const rows: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => rows.push(u))
    for (let i = 0; i < count; i++) doc.getText('body').insert(i, '请认真贯彻落实'[i % 7]!)
    return { rows, text: doc.getText('body').toString() }
  }

  it('never waits for the history lock a transition holds: it says busy at once and leaves every row', async () => {
    const docName = 'doc-compact-busy'
    const { rows } = keystrokes(50)
    await appendUpdates(db(), rows.map((update) => ({ docName, update, personId: null })))
    let release!: () => void
    let locked!: () => void
    const isLocked = new Promise<void>((r) => (locked = r))
    const holder = db().$transaction(async (tx) => {
      await lockDocumentHistory(tx, docName) // as a workflow transition saving a version does
      locked()
      await new Promise<void>((r) => (release = r))
    }, { timeout: 20_000 })
    await isLocked
    const started = Date.now()
    await expect(compactDocument(db(), docName, { minUpdates: 1 })).rejects.toBeInstanceOf(HistoryBusyError)
    expect(Date.now() - started).toBeLessThan(2000)
    release()
    await holder
    expect(await db().realtimeUpdate.count({ where: { docName } })).toBe(50)
    expect(await compactDocument(db(), docName, { minUpdates: 1 })).toBe(true)
    expect(await db().realtimeUpdate.count({ where: { docName } })).toBe(0)
  })

  it('works off a backlog in batches, each its own short transaction, and reads the same', async () => {
    const docName = 'doc-compact-batches'
    const { rows, text } = keystrokes(450)
    await appendUpdates(db(), rows.map((update) => ({ docName, update, personId: null })))
    const transactions = vi.spyOn(db(), '$transaction')
    try {
      expect(await compactDocument(db(), docName, { minUpdates: 400, batchRows: 100 })).toBe(true)
      expect(transactions).toHaveBeenCalledTimes(5)
    } finally {
      transactions.mockRestore()
    }
    expect(await db().realtimeUpdate.count({ where: { docName } })).toBe(0)
    expect((await loadDocument(db(), docName)).getText('body').toString()).toBe(text)
  })
})
