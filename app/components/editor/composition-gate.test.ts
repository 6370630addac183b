import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CompositionGate } from './composition-gate.ts'

const text = (doc: Y.Doc) => doc.getText('t').toString()

describe('CompositionGate', () => {
  it('keeps one client id for the editor and the network document, through the person’s own edits', () => {
    const gate = new CompositionGate()
    const id = gate.network.clientID
    expect(gate.editor.clientID).toBe(id)
    gate.editor.getText('t').insert(0, '为做好')
    gate.editor.getText('t').insert(3, '今冬明春')
    expect(text(gate.network)).toBe('为做好今冬明春')
    // Yjs gives a document a new id when it sees its own id's edits arrive as someone else's; the
    // awareness (and the caret plugin) would then no longer recognise the person's own caret.
    expect(gate.network.clientID).toBe(id)
    expect(gate.editor.clientID).toBe(id)
    gate.destroy()
  })

  it('holds remote edits while a composition is open and applies them, merged, when it ends', () => {
    const gate = new CompositionGate()
    const held: number[] = []
    gate.onHeld = (n) => held.push(n)
    const other = new Y.Doc()
    other.on('update', (u: Uint8Array) => Y.applyUpdate(gate.network, u, 'server'))

    gate.compositionStarted()
    other.getText('t').insert(0, '现将')
    other.getText('t').insert(2, '有关事项')
    gate.editor.getText('t').insert(0, 'wei')
    expect(text(gate.editor)).toBe('wei')
    expect(text(gate.network)).toContain('现将有关事项')
    expect(held).toEqual([1, 2])

    gate.compositionEnded()
    expect(held).toEqual([1, 2, 0])
    expect(text(gate.editor)).toBe(text(gate.network))
    expect(text(gate.editor)).toContain('现将有关事项')
    expect(text(gate.editor)).toContain('wei')
    gate.destroy()
  })

  it('sends none of the composing text (the pinyin) and the committed characters in one update when it ends', () => {
    const gate = new CompositionGate()
    const holding: number[] = []
    gate.onHolding = (n) => holding.push(n)
    const other = new Y.Doc()
    const sent: Uint8Array[] = []
    gate.network.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'server') {
        sent.push(u)
        Y.applyUpdate(other, u, 'gate')
      }
    })
    const t = gate.editor.getText('t')
    t.insert(0, '各单位要')
    expect(text(other)).toBe('各单位要')
    const before = sent.length

    // The input method writes the pinyin letter by letter, then replaces it with the characters.
    gate.compositionStarted()
    for (const [i, letter] of [...'zhong'].entries()) t.insert(4 + i, letter)
    t.delete(4, 5)
    t.insert(4, '中')
    expect(text(gate.editor)).toBe('各单位要中')
    expect(sent.length).toBe(before)
    expect(text(gate.network)).toBe('各单位要')
    expect(holding).toEqual([1, 2, 3, 4, 5, 6, 7])

    gate.compositionEnded()
    expect(sent.length).toBe(before + 1)
    expect(holding.at(-1)).toBe(0)
    expect(text(gate.network)).toBe('各单位要中')
    expect(text(other)).toBe('各单位要中')
    gate.destroy()
  })

  it('shows others nothing of a composition cancelled with Escape, and keeps the client id', () => {
    const gate = new CompositionGate()
    const id = gate.network.clientID
    const seen: string[] = []
    gate.network.on('update', () => seen.push(text(gate.network)))
    const t = gate.editor.getText('t')
    t.insert(0, '要')
    gate.compositionStarted()
    for (const [i, letter] of [...'shixian'].entries()) t.insert(1 + i, letter)
    t.delete(1, 7)
    gate.compositionEnded()
    expect(text(gate.network)).toBe('要')
    expect(seen.every((s) => !/[a-z]/.test(s))).toBe(true)
    // After the cancelled composition the person goes on typing, under the same id.
    t.insert(1, '实现')
    expect(text(gate.network)).toBe('要实现')
    expect(gate.network.clientID).toBe(id)
    gate.destroy()
  })

  it('applies remote edits that arrived during a composition together with sending the person’s own', () => {
    const gate = new CompositionGate()
    const other = new Y.Doc()
    other.getText('t').insert(0, '通知')
    Y.applyUpdate(gate.network, Y.encodeStateAsUpdate(other), 'server')
    gate.network.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'server') Y.applyUpdate(other, u, 'gate')
    })
    other.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'gate') Y.applyUpdate(gate.network, u, 'server')
    })
    gate.compositionStarted()
    gate.editor.getText('t').insert(0, 'wei')
    other.getText('t').insert(2, '如下')
    gate.editor.getText('t').delete(0, 3)
    gate.editor.getText('t').insert(0, '为')
    expect(text(other)).toBe('通知如下')
    expect(text(gate.editor)).toBe('为通知')
    gate.compositionEnded()
    expect(text(other)).toBe('为通知如下')
    expect(text(gate.editor)).toBe('为通知如下')
    gate.destroy()
  })
})
