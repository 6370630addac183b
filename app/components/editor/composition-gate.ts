import * as Y from 'yjs'

/**
 * Chinese input methods compose a word in place (pinyin shown, then replaced by the characters). If a
 * remote edit re-renders the paragraph mid-composition, the browser commits the half-typed pinyin
 * into the text ("w现将…eizu"). So the editor works on a document of its own, kept in step with the
 * network's: local edits pass straight through; remote ones wait while a composition is open and
 * are applied, merged, the moment it ends.
 */
export class CompositionGate {
  /** The document the network (provider, offline store) syncs. */
  readonly network = new Y.Doc()
  /** The document the editor is bound to. */
  readonly editor = new Y.Doc()
  private waiting: Uint8Array[] = []
  private composing = false
  private readonly origin = Symbol('composition-gate')
  /** Told how many remote updates are waiting (0 once they are applied). */
  onHeld: (count: number) => void = () => undefined

  constructor() {
    // One person, one client id: presence (awareness) is keyed by the network document's id, and the
    // caret plugin recognises the person's own caret by the editor document's id. Were they to
    // differ, each person would see their own name drawn at their cursor, inside the very text an
    // input method is composing, and the browser would commit the half-typed pinyin.
    this.editor.clientID = this.network.clientID
    this.network.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.origin) return
      if (this.composing) {
        this.waiting.push(update)
        this.onHeld(this.waiting.length)
      } else Y.applyUpdate(this.editor, update, this.origin)
    })
    this.editor.on('update', (update: Uint8Array, origin: unknown) => {
      // The person's own edits, so the transaction is marked local: in a remote one Yjs would take
      // them for another client using the same id and give the network document a new id.
      // (applyUpdate marks its transaction remote; the mark is read only at cleanup, after this.)
      if (origin !== this.origin) {
        Y.transact(this.network, (transaction) => {
          Y.applyUpdate(this.network, update, this.origin)
          transaction.local = true
        }, this.origin)
      }
    })
  }

  /** Is this editor update the person's own (not one the gate let in from the network)? */
  isLocal(origin: unknown): boolean {
    return origin !== this.origin
  }

  compositionStarted(): void {
    this.composing = true
  }

  compositionEnded(): void {
    this.composing = false
    if (this.waiting.length === 0) return
    const merged = Y.mergeUpdates(this.waiting)
    this.waiting = []
    Y.applyUpdate(this.editor, merged, this.origin)
    this.onHeld(0)
  }

  destroy(): void {
    this.editor.destroy()
    this.network.destroy()
  }
}
