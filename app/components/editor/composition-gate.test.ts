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
})
