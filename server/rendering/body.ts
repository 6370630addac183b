import { createHeadingNumberer, type ContentNode } from '../coediting/index.ts'
import type { ElementNode } from './model.ts'
import type { FlowItem } from './flow.ts'
import type { FaceName, Faces } from './fonts.ts'
import { PITCH } from './gbt9704.ts'
import { BODY, keptTogether, paragraphItems, blankLine } from './paragraphs.ts'
import { tableItems } from './table.ts'
import { glyphsOf, HARD_BREAK, type Glyph, type Style } from './text.ts'

/**
 * The body (正文) as flow items. GB/T 9704 7.3.3: every paragraph indented two characters, later lines
 * from the margin; headings numbered 一、（一）1.（1） — the first level in 黑体, the second in 楷体,
 * the third and fourth in the body face (仿宋).
 */
const HEADING_FACE: Record<number, FaceName> = { 1: 'hei', 2: 'kai', 3: 'body', 4: 'body' }
const INDENT = 2 * PITCH

const level = (node: ElementNode) => {
  const n = Number(node.attrs.level)
  return Number.isInteger(n) && n >= 1 ? n : 1
}

/** Inline content (text runs with marks, hard breaks) as glyphs in a base style. */
export function inlineGlyphs(nodes: readonly ContentNode[], base: Style, faces: Faces): Glyph[] {
  const glyphs: Glyph[] = []
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.change?.kind === 'deleted') continue
      const style: Style = {
        ...base,
        // Bold in body text is the bold face; 黑体 and 楷体 headings stay as they are.
        face: node.marks.includes('bold') && base.face === 'body' ? 'bold' : base.face,
        underline: node.marks.includes('underline') || undefined,
        strike: node.marks.includes('strike') || undefined,
      }
      glyphs.push(...glyphsOf(node.text, style, faces))
    } else if (node.name === 'hardBreak') {
      glyphs.push({ ch: HARD_BREAK, style: base, width: 0 })
    } else if (node.change?.kind !== 'deleted') {
      glyphs.push(...inlineGlyphs(node.children, base, faces))
    }
  }
  return glyphs
}

const textOf = (nodes: readonly ContentNode[]): string => nodes.map((n) => (n.type === 'text' ? n.text : n.name === 'hardBreak' ? HARD_BREAK : textOf(n.children))).join('')

class BodyWriter {
  readonly items: FlowItem[] = []
  private readonly nextNumber = createHeadingNumberer()
  private breakNext = false
  private keepNext = false

  constructor(private readonly faces: Faces) {}

  private emit(items: FlowItem[]) {
    if (items.length === 0) return
    const [first, ...rest] = items
    this.items.push({ ...first!, breakBefore: this.breakNext || undefined, keepWithPrevious: this.keepNext || first!.keepWithPrevious }, ...rest)
    this.breakNext = false
    this.keepNext = false
  }

  blocks(nodes: readonly ContentNode[], depth = 0) {
    for (const node of nodes) {
      if (node.type === 'text') {
        this.emit(paragraphItems(glyphsOf(node.text, BODY, this.faces), { indentFirst: INDENT }))
        continue
      }
      if (node.change?.kind === 'deleted') continue
      this.block(node, depth)
    }
  }

  private block(node: ElementNode, depth: number) {
    switch (node.name) {
      case 'paragraph':
        return this.emit(paragraphItems(inlineGlyphs(node.children, BODY, this.faces), { indentFirst: INDENT + depth * INDENT }))
      case 'heading': {
        const n = level(node)
        const number = this.nextNumber(n)
        const style: Style = { ...BODY, face: HEADING_FACE[n] ?? 'body' }
        const glyphs = [...glyphsOf(number, style, this.faces), ...inlineGlyphs(node.children, style, this.faces)]
        this.emit(keptTogether(paragraphItems(glyphs, { indentFirst: INDENT })))
        this.keepNext = true // a heading never ends a page
        return
      }
      case 'bulletList':
      case 'orderedList':
        return this.list(node, depth)
      case 'codeBlock':
        return this.emit(paragraphItems(glyphsOf(textOf(node.children), BODY, this.faces), { align: 'left' }))
      case 'horizontalRule':
        return this.emit([blankLine()])
      case 'pageBreak':
        this.breakNext = true
        return
      case 'table':
        return this.emit(tableItems(node, this.faces))
      default:
        // blockquote and anything unknown: their blocks, as blocks.
        return this.blocks(node.children, depth)
    }
  }

  private list(node: ElementNode, depth: number) {
    const start = Number(node.attrs.start)
    let n = Number.isInteger(start) && start > 0 ? start : 1
    for (const item of node.children) {
      if (item.type !== 'element' || item.change?.kind === 'deleted') continue
      const marker = node.name === 'orderedList' ? `${n++}.` : '•'
      let marked = false
      for (const child of item.children) {
        if (child.type === 'element' && child.name === 'paragraph' && !marked) {
          const glyphs = [...glyphsOf(marker, BODY, this.faces), ...inlineGlyphs(child.children, BODY, this.faces)]
          this.emit(paragraphItems(glyphs, { indentFirst: INDENT + depth * INDENT, indentRest: depth * INDENT }))
          marked = true
        } else {
          this.blocks([child], depth + 1)
        }
      }
    }
  }
}

export function bodyItems(nodes: readonly ContentNode[], faces: Faces): FlowItem[] {
  const writer = new BodyWriter(faces)
  writer.blocks(nodes)
  return writer.items
}
