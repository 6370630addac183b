import type { Db, Tx } from '../core/db/index.ts'
import { loadDocument } from './load-document.ts'
import { readContent } from './read-content.ts'
import { contentToHtml } from './to-html.ts'

/** The document as stored now, as HTML (escaped, whitelisted tags, numbered headings). */
export async function renderCurrent(db: Db | Tx, docName: string): Promise<string> {
  return contentToHtml(readContent(await loadDocument(db, docName)))
}
