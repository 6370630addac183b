import { authorColour } from './author-colours.ts'
import { createHeadingNumberer } from './heading-numbers.ts'
import { sameChange, type Change, type ContentNode, type ElementNode, type Mark, type TextRun } from './read-content.ts'

/**
 * HTML of a document body. Built, never sanitised after the fact: only the tags and attributes below
 * are ever written, every text and attribute value is escaped, and node types we do not know are
 * dropped (their text is kept). Headings carry their official numbers ("一、", "（一）"…).
 */
export type AuthorLabel = { name: string; colour: string }

const TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr', 'br', 'div', 'span',
  'table', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'u', 's', 'code', 'ins', 'del'] as const)
type Tag = typeof TAGS extends Set<infer T> ? T : never
const VOID_TAGS = new Set<Tag>(['hr', 'br'])
const ATTRIBUTES = new Set(['class', 'start', 'colspan', 'rowspan', 'data-change', 'data-author', 'data-person', 'style'])
const COLOUR = /^#[0-9a-fA-F]{6}$/

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

type Attrs = Record<string, string | undefined>

function open(tag: Tag, attrs: Attrs = {}): string {
  if (!TAGS.has(tag)) throw new Error(`tag not allowed: ${tag}`)
  let html = `<${tag}`
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue
    if (!ATTRIBUTES.has(name)) throw new Error(`attribute not allowed: ${name}`)
    html += ` ${name}="${escapeHtml(value)}"`
  }
  return `${html}>`
}

const wrap = (tag: Tag, inner: string, attrs?: Attrs): string => (VOID_TAGS.has(tag) ? open(tag, attrs) : `${open(tag, attrs)}${inner}</${tag}>`)

const MARK_TAGS: Record<Mark, Tag> = { bold: 'strong', italic: 'em', underline: 'u', strike: 's', code: 'code' }

const positiveInteger = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 10_000 ? n : undefined
}

class HtmlWriter {
  private readonly nextHeadingNumber = createHeadingNumberer()

  constructor(private readonly authorOf: (personId: string | null) => AuthorLabel) {}

  private changeAttrs(change: Change): Attrs {
    const author = this.authorOf(change.personId)
    return {
      'data-author': author.name,
      'data-person': change.personId ?? undefined,
      style: COLOUR.test(author.colour) ? `color:${author.colour}` : undefined,
    }
  }

  private text(run: TextRun): string {
    return run.marks.reduceRight((inner, mark) => wrap(MARK_TAGS[mark], inner), escapeHtml(run.text))
  }

  children(nodes: ContentNode[]): string {
    let html = ''
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!
      if (node.type === 'element') {
        html += this.element(node)
        continue
      }
      // Neighbouring runs by the same change (differing only in marks) share one <ins>/<del>.
      let inner = this.text(node)
      while (nodes[i + 1]?.type === 'text' && sameChange((nodes[i + 1] as TextRun).change, node.change)) inner += this.text(nodes[++i] as TextRun)
      html += node.change ? wrap(node.change.kind === 'inserted' ? 'ins' : 'del', inner, this.changeAttrs(node.change)) : inner
    }
    return html
  }

  private element(node: ElementNode): string {
    const change: Attrs = node.change ? { 'data-change': node.change.kind, ...this.changeAttrs(node.change) } : {}
    const inner = () => this.children(node.children)
    switch (node.name) {
      case 'paragraph': return wrap('p', inner(), change)
      case 'heading': {
        const level = Math.min(positiveInteger(node.attrs.level) ?? 1, 6)
        // A deleted heading is shown but not counted: the numbers are those of the newer state.
        const number = node.change?.kind === 'deleted' ? '' : this.nextHeadingNumber(level)
        const label = number ? wrap('span', escapeHtml(number), { class: 'heading-number' }) : ''
        return wrap(`h${level}` as Tag, label + inner(), change)
      }
      case 'bulletList': return wrap('ul', inner(), change)
      case 'orderedList': {
        const start = positiveInteger(node.attrs.start)
        return wrap('ol', inner(), { ...change, start: start && start !== 1 ? String(start) : undefined })
      }
      case 'listItem': return wrap('li', inner(), change)
      case 'blockquote': return wrap('blockquote', inner(), change)
      case 'codeBlock': return wrap('pre', inner(), change)
      case 'horizontalRule': return wrap('hr', '', change)
      case 'hardBreak': return wrap('br', '', change)
      case 'pageBreak': return wrap('div', '', { ...change, class: 'page-break' })
      case 'table': return wrap('table', wrap('tbody', inner()), change)
      case 'tableRow': return wrap('tr', inner(), change)
      case 'tableHeader':
      case 'tableCell': {
        const colspan = positiveInteger(node.attrs.colspan)
        const rowspan = positiveInteger(node.attrs.rowspan)
        return wrap(node.name === 'tableHeader' ? 'th' : 'td', inner(), {
          ...change,
          colspan: colspan && colspan > 1 ? String(colspan) : undefined,
          rowspan: rowspan && rowspan > 1 ? String(rowspan) : undefined,
        })
      }
      default: return inner()
    }
  }
}

/** Serialise a body. `authorOf` names the people in changes (diffs only). */
export function contentToHtml(nodes: ContentNode[], authorOf: (personId: string | null) => AuthorLabel = (personId) => ({ name: '', colour: authorColour(personId) })): string {
  return new HtmlWriter(authorOf).children(nodes)
}
