import { randomInt } from 'node:crypto'
import * as Y from 'yjs'
import type { Tx } from '../core/db/index.ts'
import { notifyRealtimeUpdate } from '../core/events.ts'
import { insertVersion } from './create-version.ts'
import { loadDocument } from './load-document.ts'
import { BODY_FRAGMENT } from './read-content.ts'
import { appendUpdate, lockDocumentHistory } from './stored-state.ts'
import { findVersion, type VersionSummary } from './versions.ts'

/**
 * The Yjs update that replaces the body of `doc` with the body of `source` (copied with attributes and
 * marks). It is computed against `doc` and applied to it; it deletes and inserts, so the history keeps
 * everything in between. null if both are empty (nothing to change).
 */
function replaceBody(doc: Y.Doc, source: Y.Doc): Uint8Array | null {
  // A client id of our own: reusing one already in the document would corrupt it.
  while (doc.store.clients.has(doc.clientID)) doc.clientID = randomInt(0, 2 ** 32)
  let update: Uint8Array | null = null
  const capture = (u: Uint8Array) => { update = u }
  doc.on('update', capture)
  try {
    Y.transact(doc, () => {
      const body = doc.getXmlFragment(BODY_FRAGMENT)
      body.delete(0, body.length)
      // tiptap's body holds elements and text only (hooks are not a ProseMirror concept).
      const children = source.getXmlFragment(BODY_FRAGMENT).toArray().filter((child): child is Y.XmlElement | Y.XmlText => !(child instanceof Y.XmlHook))
      body.insert(0, children.map((child) => child.clone()))
    }, 'xietong:restore-version')
  } finally {
    doc.off('update', capture)
  }
  return update
}

/**
 * Make a version's content the current content, as a new change by `personId`: the update is stored
 * like any edit (and live co-editing servers are told to apply it, when `tx` commits), then a RESTORE
 * version named after the source is created. Returns that version.
 */
export async function restoreVersion(tx: Tx, input: { docName: string; versionId: string; personId: string }): Promise<VersionSummary> {
  await lockDocumentHistory(tx, input.docName)
  const source = await findVersion(tx, input.docName, input.versionId)
  const doc = await loadDocument(tx, input.docName)
  const update = replaceBody(doc, Y.createDocFromSnapshot(doc, Y.decodeSnapshot(source.snapshot)))
  if (update) {
    const id = await appendUpdate(tx, { docName: input.docName, update, personId: input.personId })
    await notifyRealtimeUpdate(tx, input.docName, id)
  }
  return insertVersion(tx, doc, { docName: input.docName, name: source.name, kind: 'RESTORE', personId: input.personId, restoredFromId: source.id })
}
