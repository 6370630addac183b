/**
 * Tests only: an editing client shaped like the app's tiptap editor. Content changes go through
 * y-tiptap's own ProseMirror → Yjs binding (`updateYFragment`, what the sync plugin runs on every
 * transaction), so the updates are the ones a browser would send; each is stored through the
 * co-editing server's own Persistence, with the sender's person id.
 */
import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { Persistence } from '../../realtime/persistence.ts'
import { db } from '../core/db/index.ts'
import { BODY_FRAGMENT } from './read-content.ts'
import { bodySchema } from './body-schema.ts'

export const schema = bodySchema()

const REMOTE = 'remote'

export class TestEditor {
  readonly doc = new Y.Doc()
  private stored: Promise<unknown> = Promise.resolve()
  private readonly persistence = new Persistence(db())

  constructor(readonly docName: string, readonly personId: string | null) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return // received from the server: a client does not send it back
      this.stored = this.stored.then(() => this.persistence.store(docName, update, personId))
    })
  }

  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(BODY_FRAGMENT)
  }

  /** Make the editor show this ProseMirror document (the binding writes the difference to Yjs). */
  set(content: JSONContent[]): this {
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, this.fragment)
    return this
  }

  json(): JSONContent[] {
    return (yXmlFragmentToProseMirrorRootNode(this.fragment, schema).toJSON() as JSONContent).content ?? []
  }

  /** Wait until every update so far is stored. */
  async flush(): Promise<void> {
    await this.stored
  }

  /** Receive what the server has (stored state) that this editor lacks, as the server would send it. */
  async pull(): Promise<void> {
    const { doc: server } = await this.persistence.load(this.docName)
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(this.doc)), REMOTE)
  }

  /**
   * Reconnect: like y-websocket, answer the server's sync step 1 with everything it lacks, which
   * carries this client's whole delete set (everyone's deletions it knows), stored as this person's.
   */
  async reconnect(): Promise<void> {
    await this.flush()
    const { doc: server } = await this.persistence.load(this.docName)
    await this.persistence.store(this.docName, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(server)), this.personId)
    await this.pull()
  }
}

export const text = (t: string, ...marks: string[]): JSONContent => ({ type: 'text', text: t, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) })
export const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', ...(content.length ? { content } : {}) })
export const heading = (level: number, t: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(t)] })
