import * as Y from 'yjs'
import type { Db, Tx } from '../core/db/index.ts'
import { attributionOf } from './attribution.ts'
import { authorColour } from './author-colours.ts'
import { documentFromStoredState } from './load-document.ts'
import { readContent, type ContentNode } from './read-content.ts'
import { readStoredHistory } from './stored-state.ts'
import { contentToHtml } from './to-html.ts'
import { findVersion, type VersionSummary } from './versions.ts'

export type DiffAuthor = {
  /** null: changes stored without a person (imports, scripts). */
  personId: string | null
  name: string
  colour: string
  /** Characters inserted and deleted (Unicode code points). */
  inserted: number
  deleted: number
}

export type VersionDiff = { html: string; authors: DiffAuthor[] }

type Tally = { inserted: number; deleted: number }

function tallyChanges(nodes: ContentNode[], tally: Map<string | null, Tally>): void {
  for (const node of nodes) {
    if (node.change && !tally.has(node.change.personId)) tally.set(node.change.personId, { inserted: 0, deleted: 0 })
    if (node.type === 'element') tallyChanges(node.children, tally)
    else if (node.change) tally.get(node.change.personId)![node.change.kind] += [...node.text].length
  }
}

/**
 * What changed between two versions (or a version and the current state), as HTML: inserted text in
 * `<ins>`, deleted text in `<del>`, each with its author's name (`data-author`), id (`data-person`)
 * and colour; a whole block inserted or deleted carries `data-change` and the same attributes. The
 * older of the two versions is the base. Uses Yjs' snapshot rendering (`toDelta(snapshot,
 * prevSnapshot, computeYChange)`): an insertion belongs to the person who owns the item's client id,
 * a deletion to the person whose delete set holds the item.
 */
export async function diffVersions(db: Db | Tx, docName: string, fromVersionId: string, toVersionId: string | 'current'): Promise<VersionDiff> {
  let from = await findVersion(db, docName, fromVersionId)
  let to: (VersionSummary & { snapshot: Uint8Array }) | 'current' = toVersionId === 'current' ? 'current' : await findVersion(db, docName, toVersionId)
  if (to !== 'current' && to.number < from.number) [from, to] = [to, from]
  const history = await readStoredHistory(db, docName)
  const doc = documentFromStoredState(history)
  const content = readContent(doc, {
    from: Y.decodeSnapshot(from.snapshot),
    to: to === 'current' ? Y.snapshot(doc) : Y.decodeSnapshot(to.snapshot),
    attribution: attributionOf(history),
  })

  const tally = new Map<string | null, Tally>()
  tallyChanges(content, tally)
  const ids = [...tally.keys()].filter((id): id is string => id !== null)
  const people = new Map((await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  const authors = [...tally].map(([personId, counts]): DiffAuthor => ({ personId, name: (personId && people.get(personId)) ?? '', colour: authorColour(personId), ...counts }))
  authors.sort((a, b) => b.inserted + b.deleted - (a.inserted + a.deleted) || a.name.localeCompare(b.name, 'zh-CN'))
  const byId = new Map(authors.map((a) => [a.personId, a]))
  const html = contentToHtml(content, (personId) => byId.get(personId) ?? { name: '', colour: authorColour(personId) })
  return { html, authors }
}
