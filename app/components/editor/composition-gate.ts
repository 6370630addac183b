import * as Y from 'yjs'

/**
 * Chinese input methods compose a word in place (pinyin shown, then replaced by the characters).
 * Nobody but the typist may see that pinyin, and a remote edit that re-renders the paragraph
 * mid-composition makes the browser commit the half-typed pinyin into the text ("w现将…eizu"). So the
 * editor works on a document of its own, kept in step with the network's, and while a composition is
 * open nothing crosses in either direction: the person's own updates (the pinyin, letter by letter)
 * wait and are sent, merged into one update with the committed characters, when it ends (so others
 * see only 中, and nothing at all for a composition cancelled with Escape); remote updates wait and
 * are applied, merged, at the same moment.
 */
export class CompositionGate {
  /** The document the network (provider, offline store) syncs. */
  readonly network = new Y.Doc()
  /** The document the editor is bound to. */
  readonly editor = new Y.Doc()
  private incoming: Uint8Array[] = []
  private outgoing: Uint8Array[] = []
  private composing = false
  private readonly origin = Symbol('composition-gate')
  /** Told how many remote updates are waiting (0 once they are applied). */
  onHeld: (count: number) => void = () => undefined
  /** Told how many of the person's own updates are waiting to be sent (0 once they are sent). */
  onHolding: (count: number) => void = () => undefined

  constructor() {
    // One person, one client id: presence (awareness) is keyed by the network document's id, and the
    // caret plugin recognises the person's own caret by the editor document's id. Were they to
    // differ, each person would see their own name drawn at their cursor, inside the very text an
    // input method is composing, and the browser would commit the half-typed pinyin.
    this.editor.clientID = this.network.clientID
    this.network.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.origin) return
      if (this.composing) {
        this.incoming.push(update)
        this.onHeld(this.incoming.length)
      } else Y.applyUpdate(this.editor, update, this.origin)
    })
    this.editor.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.origin) return
      if (this.composing) {
        this.outgoing.push(update)
        this.onHolding(this.outgoing.length)
      } else this.send(update)
    })
  }

  /** Is this editor update the person's own (not one the gate let in from the network)? */
  isLocal(origin: unknown): boolean {
    return origin !== this.origin
  }

  /** Is a composition open (the person's updates are being held)? */
  get isComposing(): boolean {
    return this.composing
  }

  compositionStarted(): void {
    this.composing = true
  }

  /** The composition was committed or cancelled: send what the person did, let in what arrived. */
  compositionEnded(): void {
    this.composing = false
    if (this.outgoing.length > 0) {
      const merged = Y.mergeUpdates(this.outgoing)
      this.outgoing = []
      this.send(merged)
      this.onHolding(0)
    }
    if (this.incoming.length > 0) {
      const merged = Y.mergeUpdates(this.incoming)
      this.incoming = []
      Y.applyUpdate(this.editor, merged, this.origin)
      this.onHeld(0)
    }
  }

  /**
   * The person's own edits go to the network document in a transaction marked local: in a remote
   * one Yjs would take them for another client using the same id and give the network document a
   * new id. (applyUpdate marks its transaction remote; the mark is read only at cleanup, after this.)
   */
  private send(update: Uint8Array): void {
    Y.transact(this.network, (transaction) => {
      Y.applyUpdate(this.network, update, this.origin)
      transaction.local = true
    }, this.origin)
  }

  destroy(): void {
    // Whatever the person typed is theirs to keep (the offline store holds the network document).
    if (this.composing) this.compositionEnded()
    this.editor.destroy()
    this.network.destroy()
  }
}
