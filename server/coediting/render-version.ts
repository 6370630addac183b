import * as Y from 'yjs'
import type { Db, Tx } from '../core/db/index.ts'
import { loadDocument } from './load-document.ts'
import { readContent } from './read-content.ts'
import { contentToHtml } from './to-html.ts'
import { findVersion } from './versions.ts'

/** The document as it was at a version, as HTML (escaped, whitelisted tags, numbered headings). */
export async function renderVersion(db: Db | Tx, docName: string, versionId: string): Promise<string> {
  const version = await findVersion(db, docName, versionId)
  const doc = await loadDocument(db, docName)
  const then = Y.createDocFromSnapshot(doc, Y.decodeSnapshot(version.snapshot))
  return contentToHtml(readContent(then))
}
