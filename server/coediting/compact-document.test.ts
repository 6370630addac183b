import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { db } from '../core/db/index.ts'
import { compactDocument } from './compact-document.ts'
import { loadDocument } from './load-document.ts'
import { appendUpdates } from './stored-state.ts'

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
