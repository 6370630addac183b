import type { ContentNode } from '../coediting/index.ts'
import type { ElementNode } from './model.ts'
import type { FlowItem } from './flow.ts'
import type { Faces } from './fonts.ts'
import { baselineIn, SIZE, TYPE_AREA } from './gbt9704.ts'
import { breakLines, glyphsOf, widthOf, type BrokenLine, type Style } from './text.ts'

/**
 * Tables across the type area in 4号 body type with thin rules. Columns get widths from the editor's
 * `colwidth` when every column has one, otherwise from their content. Rows never split; rows joined
 * by a rowspan stay together; header rows (all 表头 cells) repeat at the top of each continued page.
 */
const CELL: Style = { face: 'body', size: SIZE.small }
const HEADER: Style = { face: 'bold', size: SIZE.small }
const LINE_HEIGHT = 21
const PAD_X = 4
const PAD_Y = 4
const RULE = 0.6
const MIN_COLUMN = 2 * SIZE.small + 2 * PAD_X

type Cell = { row: number; col: number; colspan: number; rowspan: number; isHeader: boolean; node: ElementNode; colwidth: number[] | null }

const positive = (value: unknown) => {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? Math.min(n, 100) : 1
}

function cellText(nodes: readonly ContentNode[]): string[] {
  // One entry per paragraph of the cell; inline breaks become line breaks.
  const paragraphs: string[] = []
  const inline = (ns: readonly ContentNode[]): string => ns.map((n) => (n.type === 'text' ? n.text : n.name === 'hardBreak' ? '\n' : inline(n.children))).join('')
  for (const n of nodes) {
    if (n.type === 'text') paragraphs.push(n.text)
    else if (['paragraph', 'heading', 'codeBlock'].includes(n.name)) paragraphs.push(inline(n.children))
    else paragraphs.push(...cellText(n.children))
  }
  return paragraphs
}

function gridOf(table: ElementNode): { cells: Cell[]; rows: number; cols: number } {
  const cells: Cell[] = []
  const taken = new Set<string>()
  const rows = table.children.filter((r): r is ElementNode => r.type === 'element' && r.name === 'tableRow' && r.change?.kind !== 'deleted')
  let cols = 0
  rows.forEach((row, r) => {
    let c = 0
    for (const node of row.children) {
      if (node.type !== 'element' || node.change?.kind === 'deleted') continue
      while (taken.has(`${r}:${c}`)) c++
      const colspan = positive(node.attrs.colspan)
      const rowspan = Math.min(positive(node.attrs.rowspan), rows.length - r)
      const colwidth = Array.isArray(node.attrs.colwidth) && node.attrs.colwidth.every((w) => typeof w === 'number' && w > 0) && node.attrs.colwidth.length === colspan ? (node.attrs.colwidth as number[]) : null
      cells.push({ row: r, col: c, colspan, rowspan, isHeader: node.name === 'tableHeader', node, colwidth })
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) taken.add(`${r + dr}:${c + dc}`)
      c += colspan
      cols = Math.max(cols, c)
    }
  })
  return { cells, rows: rows.length, cols }
}

function columnWidths(cells: Cell[], cols: number, faces: Faces): number[] {
  const given: (number | null)[] = Array.from({ length: cols }, () => null)
  for (const cell of cells) cell.colwidth?.forEach((w, i) => { given[cell.col + i] = w })
  let desired: number[]
  if (given.every((w) => w !== null)) {
    desired = given as number[]
  } else {
    desired = Array.from({ length: cols }, () => MIN_COLUMN)
    for (const cell of cells.filter((c) => c.colspan === 1)) {
      const natural = Math.max(0, ...cellText(cell.node.children).flatMap((p) => p.split('\n')).map((p) => widthOf(glyphsOf(p, cell.isHeader ? HEADER : CELL, faces))))
      desired[cell.col] = Math.max(desired[cell.col]!, Math.min(natural + 2 * PAD_X, TYPE_AREA.width * 0.6))
    }
  }
  return fit(desired, TYPE_AREA.width)
}

/**
 * Widths that add up to `total`: when everything fits, each column gets its desired width and the
 * room left is shared in proportion; otherwise columns wanting less than an even share keep what they
 * want (a date column does not wrap) and the rest share what remains in proportion to their wishes.
 */
function fit(desired: number[], total: number): number[] {
  const sum = desired.reduce((a, b) => a + b, 0)
  if (sum <= total) return desired.map((w) => (w * total) / sum)
  const widths: (number | null)[] = desired.map(() => null)
  let room = total
  for (let changed = true; changed;) {
    changed = false
    const open = desired.map((w, i) => [w, i] as const).filter(([, i]) => widths[i] === null)
    const share = room / open.length
    for (const [w, i] of open) {
      if (w <= share) {
        widths[i] = w
        room -= w
        changed = true
      }
    }
  }
  const rest = desired.filter((_, i) => widths[i] === null).reduce((a, b) => a + b, 0)
  return desired.map((w, i) => widths[i] ?? (w * room) / rest)
}

export function tableItems(table: ElementNode, faces: Faces): FlowItem[] {
  const { cells, rows, cols } = gridOf(table)
  if (rows === 0 || cols === 0) return []
  const widths = columnWidths(cells, cols, faces)
  const xAt = (col: number) => TYPE_AREA.left + widths.slice(0, col).reduce((a, b) => a + b, 0)
  const laid = cells.map((cell) => {
    const width = widths.slice(cell.col, cell.col + cell.colspan).reduce((a, b) => a + b, 0)
    const style = cell.isHeader ? HEADER : CELL
    const lines: BrokenLine[] = cellText(cell.node.children).flatMap((p) => (p ? breakLines(glyphsOf(p, style, faces), width - 2 * PAD_X) : []))
    return { cell, width, lines, height: Math.max(1, lines.length) * LINE_HEIGHT + 2 * PAD_Y }
  })
  const heights = Array.from({ length: rows }, () => LINE_HEIGHT + 2 * PAD_Y)
  for (const l of laid.filter((l) => l.cell.rowspan === 1)) heights[l.cell.row] = Math.max(heights[l.cell.row]!, l.height)
  for (const l of laid.filter((l) => l.cell.rowspan > 1)) {
    const spanned = heights.slice(l.cell.row, l.cell.row + l.cell.rowspan).reduce((a, b) => a + b, 0)
    if (spanned < l.height) heights[l.cell.row + l.cell.rowspan - 1]! += l.height - spanned
  }
  // A row is joined to the one before while a rowspan from above still covers it.
  const joined = Array.from({ length: rows }, () => false)
  for (const l of laid) for (let r = l.cell.row + 1; r < l.cell.row + l.cell.rowspan; r++) joined[r] = true
  const headerRows = (() => {
    let n = 0
    while (n < rows && laid.filter((l) => l.cell.row === n).every((l) => l.cell.isHeader) && laid.some((l) => l.cell.row === n)) n++
    return n < rows ? n : 0
  })()

  const rowItem = (r: number): FlowItem => ({
    height: heights[r]!,
    draw: (painter, top) => {
      for (const l of laid.filter((l) => l.cell.row === r)) {
        const x = xAt(l.cell.col)
        const height = heights.slice(r, r + l.cell.rowspan).reduce((a, b) => a + b, 0)
        painter.rect(x, top, l.width, height, RULE)
        l.lines.forEach((line, i) => {
          const size = line.glyphs[0]?.style.size ?? SIZE.small
          painter.line(line, x + PAD_X, l.width - 2 * PAD_X, baselineIn(top + PAD_Y + i * LINE_HEIGHT, LINE_HEIGHT, size), l.cell.isHeader ? 'center' : 'left')
        })
      }
    },
  })
  const header = Array.from({ length: headerRows }, (_, r) => rowItem(r))
  return Array.from({ length: rows }, (_, r) => {
    const item = rowItem(r)
    if (r < headerRows) return r === 0 ? item : { ...item, keepWithPrevious: true }
    return { ...item, keepWithPrevious: joined[r] || (headerRows > 0 && r === headerRows) || undefined, repeat: header.length ? header : undefined }
  })
}
