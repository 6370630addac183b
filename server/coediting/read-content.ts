import * as Y from 'yjs'
import type { Attribution } from './attribution.ts'

/**
 * A document body read out of its Y.XmlFragment (tiptap's `default`): elements named after node types
 * (`paragraph`, `heading`…), text runs with marks, and, when comparing two states, who inserted or
 * deleted each run or element. Rendering (HTML, PDF) works on this, never on Yjs types.
 */
export const BODY_FRAGMENT = 'default'

export const MARKS = ['bold', 'italic', 'underline', 'strike', 'code'] as const
export type Mark = (typeof MARKS)[number]

export type Change = { kind: 'inserted' | 'deleted'; personId: string | null }
export type TextRun = { type: 'text'; text: string; marks: Mark[]; change: Change | null }
export type ElementNode = { type: 'element'; name: string; attrs: Record<string, unknown>; children: ContentNode[]; change: Change | null }
export type ContentNode = TextRun | ElementNode

/** Two states of one document (which must keep its history: gc off) and who did what between them. */
export type ChangeView = { from: Y.Snapshot; to: Y.Snapshot; attribution: Attribution }

const isVisible = (item: Y.Item, snapshot: Y.Snapshot): boolean =>
  (snapshot.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(snapshot.ds, item.id)

// y-prosemirror stores a mark that may overlap itself as "<name>--<8 characters of hash>".
const HASHED_MARK = /--[a-zA-Z0-9+/=]{8}$/

function marksOf(attributes: Record<string, unknown> | undefined): Mark[] {
  if (!attributes) return []
  const names = new Set(Object.entries(attributes).filter(([, value]) => value !== null && value !== undefined && value !== false).map(([key]) => key.replace(HASHED_MARK, '')))
  return MARKS.filter((mark) => names.has(mark))
}

export const sameChange = (a: Change | null, b: Change | null): boolean => a === b || (!!a && !!b && a.kind === b.kind && a.personId === b.personId)

/** Join neighbouring runs that look the same (Yjs splits text per item and per formatting marker). */
function joinRuns(nodes: ContentNode[]): ContentNode[] {
  const joined: ContentNode[] = []
  for (const node of nodes) {
    const last = joined.at(-1)
    if (node.type === 'text' && last?.type === 'text' && sameChange(last.change, node.change) && last.marks.join() === node.marks.join()) {
      joined[joined.length - 1] = { ...last, text: last.text + node.text }
    } else if (node.type !== 'text' || node.text.length > 0) {
      joined.push(node)
    }
  }
  return joined
}

function readText(text: Y.XmlText, view: ChangeView | undefined): TextRun[] {
  const changeOf = (type: 'added' | 'removed', id: Y.ID): Change => type === 'added'
    ? { kind: 'inserted', personId: view!.attribution.insertedBy(id) }
    : { kind: 'deleted', personId: view!.attribution.deletedBy(id) }
  const ops = (view ? text.toDelta(view.to, view.from, changeOf) : text.toDelta()) as { insert: unknown; attributes?: Record<string, unknown> & { ychange?: Change } }[]
  return ops
    .filter((op): op is typeof op & { insert: string } => typeof op.insert === 'string')
    .map((op) => ({ type: 'text', text: op.insert, marks: marksOf(op.attributes), change: op.attributes?.ychange ?? null }))
}

function readChildren(type: Y.XmlFragment | Y.XmlElement, view: ChangeView | undefined): ContentNode[] {
  // With a view: every child that existed in either state (Yjs' own listing for snapshot diffs).
  const children: unknown[] = view ? Y.typeListToArraySnapshot(type, new Y.Snapshot(view.from.ds, view.to.sv)) : type.toArray()
  const nodes: ContentNode[] = []
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      nodes.push(...readText(child, view))
    } else if (child instanceof Y.XmlElement) {
      let change: Change | null = null
      if (view && child._item) {
        const inTo = isVisible(child._item, view.to)
        const inFrom = isVisible(child._item, view.from)
        if (!inTo && !inFrom) continue // created and deleted between the two states
        if (!inTo) change = { kind: 'deleted', personId: view.attribution.deletedBy(child._item.id) }
        else if (!inFrom) change = { kind: 'inserted', personId: view.attribution.insertedBy(child._item.id) }
      }
      // A deleted element's attributes were deleted with it: show them as they were.
      const attrs = child.getAttributes(view ? (change?.kind === 'deleted' ? view.from : view.to) : undefined) as Record<string, unknown>
      nodes.push({ type: 'element', name: child.nodeName, attrs, children: readChildren(child, view), change })
    }
  }
  return joinRuns(nodes)
}

/**
 * The body of a document. With a view, the union of both states, each difference marked with who
 * made it. The document's structs are split where one person's deletion ends (as y-prosemirror does
 * before rendering a snapshot), inside one transaction so Yjs does not merge them back meanwhile.
 */
export function readContent(doc: Y.Doc, view?: ChangeView): ContentNode[] {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT)
  return Y.transact(doc, (transaction) => {
    if (view) for (const ds of view.attribution.deleteSets()) Y.iterateDeletedStructs(transaction, ds, () => undefined)
    return readChildren(fragment, view)
  }, 'xietong:read-content')
}
