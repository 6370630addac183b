import type { Painter } from './painter.ts'

/**
 * The body of a document as a column of items (a line, a table row, a blank line), placed down the
 * type area page after page. Items that must stay together (a heading and the line after it, the
 * signature block and the last line above it) are kept on one page when they fit on one.
 */
export type FlowItem = {
  height: number
  draw: (painter: Painter, top: number) => void
  /** Stays on the same page as the item before it. */
  keepWithPrevious?: boolean
  /** Starts a new page (a page break in the body). */
  breakBefore?: boolean
  /** A blank line: left out at the top of a page. */
  isBlank?: boolean
  /** Drawn first when this item has to begin a new page (a table's header rows). */
  repeat?: FlowItem[]
}

export type Placement = { item: FlowItem; page: number; top: number }

export type Flow = { placements: Placement[]; pages: number; end: { page: number; top: number } }

const EPSILON = 0.01

/** Place items from `firstTop` on the first page; later pages run from `pageTop` to `pageBottom`. */
export function paginate(items: readonly FlowItem[], firstTop: number, pageTop: number, pageBottom: number): Flow {
  const placements: Placement[] = []
  let page = 0
  let top = firstTop
  let pageStart = firstTop
  const fullPage = pageBottom - pageTop
  const newPage = (item: FlowItem) => {
    page++
    top = pageTop
    pageStart = pageTop
    for (const r of item.repeat ?? []) {
      placements.push({ item: r, page, top })
      top += r.height
    }
  }
  const groups: FlowItem[][] = []
  for (const item of items) {
    if (item.keepWithPrevious && groups.length) groups.at(-1)!.push(item)
    else groups.push([item])
  }
  for (const group of groups) {
    const height = group.reduce((sum, i) => sum + i.height, 0)
    if (group[0]!.breakBefore && top > pageStart + EPSILON) newPage(group[0]!)
    else if (top + height > pageBottom + EPSILON && top > pageStart + EPSILON && height <= fullPage) newPage(group[0]!)
    for (const item of group) {
      if (top + item.height > pageBottom + EPSILON && top > pageStart + EPSILON) newPage(item)
      if (item.isBlank && page > 0 && top <= pageStart + EPSILON) continue
      placements.push({ item, page, top })
      top += item.height
    }
  }
  return { placements, pages: page + 1, end: { page, top } }
}
