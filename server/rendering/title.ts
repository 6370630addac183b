import { breakLines, canBreakAt, type Glyph } from './text.ts'

/**
 * The lines of a title (GB/T 9704-2012 7.3.1: 回行时，要做到词意完整，排列对称，长短适宜，间距恰当，
 * 标题排列应当使用梯形或菱形). A title breaks only between words, found by ICU's word segmenter
 * (Intl.Segmenter), and never where the words belong together: after 的 (…的 / 通知 splits the 文种
 * from its phrase), after a number (2027 / 年), before a word that leans on the one before it
 * (春节 / 期间, 应急 / 管理局), before a word of one character (ICU splits 办公|室, 疫|情|防|控), nor
 * inside a phrase ICU splits that titles often carry (安全生产). It takes as few lines as the measure
 * allows and, of those, the breaks whose lines are most even, where a break at a phrase's edge (around
 * 关于, a conjunction or a pause mark, before 的 + 文种) costs nothing, one between two other words a
 * little and one after a word of one character (转发市 / 应急管理局) more; a middle line shorter than
 * both its neighbours (an hourglass is neither 梯形 nor 菱形) costs too. A word longer than the measure
 * is broken between characters.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const HAN = /^\p{Script=Han}$/u
/** Words that lean on the word before them (a time's extent, an organ's kind): a line never starts with one. */
const LEANING = new Set(['期间', '以来', '之际', '前后', '以上', '以下', '以内', '之间', '左右', '之后', '以后', '以前', '之前', '之中',
  '人民政府', '政府', '管理局', '委员会', '办公室', '办公厅', '领导小组', '指挥部'])
/** Words at a phrase's edge: a line may end or start at them at no cost. */
const EDGES = new Set(['关于', '和', '及', '与', '并', '或', '暨', '以及'])
const PAUSES = /^[、，；：]$/
/** Phrases of several words that a title keeps on one line. */
const PHRASES = ['安全生产', '生产安全事故', '今冬明春', '先进集体', '先进个人', '经济社会', '生态环境', '城乡建设', '基础设施', '贯彻落实', '重点任务', '营商环境', '乡村振兴', '数字政府', '专项行动', '实施方案', '工作方案', '管理办法', '实施意见', '行动方案']
/** Single characters that may begin or end a line without looking stranded. */
const MAY_STAND = new Set([...'的和及与并或暨'])
/** What a break costs (in em², beside the lines' unevenness). */
const WORD_BREAK = 1.5
const LONE_END = 3
const MAX_LINES = 6

export type TitleLine = { glyphs: Glyph[]; width: number }

const isSpace = (g: Glyph) => g.ch === ' '

function lineOf(glyphs: readonly Glyph[], from: number, to: number): TitleLine {
  let start = from
  let end = to
  while (start < end && isSpace(glyphs[start]!)) start++
  while (end > start && isSpace(glyphs[end - 1]!)) end--
  const line = glyphs.slice(start, end)
  return { glyphs: line, width: line.reduce((sum, g) => sum + g.width, 0) }
}

type Word = { at: number; text: string }

/** The words, each with the glyph index it starts at. */
function wordsOf(glyphs: readonly Glyph[]): Word[] {
  const text = glyphs.map((g) => g.ch).join('')
  // Segments come in UTF-16 offsets; glyphs are one code point each.
  const glyphAt = new Map<number, number>()
  let offset = 0
  glyphs.forEach((g, i) => {
    glyphAt.set(offset, i)
    offset += g.ch.length
  })
  return [...segmenter.segment(text)].map((s) => ({ at: glyphAt.get(s.index)!, text: s.segment }))
}

type Break = { at: number; penalty: number }

const isLone = (word: Word) => [...word.text].length === 1 && HAN.test(word.text) && !MAY_STAND.has(word.text)

/** Glyph positions strictly inside one of PHRASES. */
function insidePhrases(glyphs: readonly Glyph[]): Set<number> {
  const chars = glyphs.map((g) => g.ch)
  const inside = new Set<number>()
  for (const phrase of PHRASES) {
    const want = [...phrase]
    for (let i = 0; i + want.length <= chars.length; i++) {
      if (want.every((ch, j) => chars[i + j] === ch)) for (let j = 1; j < want.length; j++) inside.add(i + j)
    }
  }
  return inside
}

function wordBreaks(glyphs: readonly Glyph[]): Break[] {
  const words = wordsOf(glyphs)
  const inPhrase = insidePhrases(glyphs)
  const out: Break[] = []
  for (let i = 1; i < words.length; i++) {
    const before = words[i - 1]!
    const after = words[i]!
    if (!canBreakAt(glyphs, after.at) || inPhrase.has(after.at)) continue
    if (before.text.endsWith('的') || /[0-9０-９]$/.test(before.text) || LEANING.has(after.text) || isLone(after)) continue
    const isEdge = EDGES.has(before.text) || EDGES.has(after.text) || PAUSES.test(before.text) || after.text === '《' || before.text === '》'
      || (after.text === '的' && i === words.length - 2)
    out.push({ at: after.at, penalty: (isEdge ? 0 : WORD_BREAK) + (isLone(before) ? LONE_END : 0) })
  }
  return out
}

/** How far the lines are from an even, trapezoid or diamond arrangement, in em². */
function cost(lines: TitleLine[], penalties: number, em: number): number {
  const widths = lines.map((l) => l.width / em)
  const mean = widths.reduce((a, b) => a + b, 0) / widths.length
  let total = penalties + widths.reduce((sum, w) => sum + (w - mean) ** 2, 0)
  for (let i = 1; i < widths.length - 1; i++) {
    const dip = Math.min(widths[i - 1]!, widths[i + 1]!) - widths[i]!
    if (dip > 0.25) total += 2 * dip ** 2
  }
  return total
}

function best(glyphs: readonly Glyph[], candidates: Break[], count: number, measure: number, em: number): TitleLine[] | null {
  let found: { lines: TitleLine[]; cost: number } | null = null
  const chosen: Break[] = []
  const walk = (from: number, next: number) => {
    if (chosen.length === count - 1) {
      const last = lineOf(glyphs, from, glyphs.length)
      if (last.width > measure + 0.01) return
      const lines = [...chosen.map((b, i) => lineOf(glyphs, i === 0 ? 0 : chosen[i - 1]!.at, b.at)), last]
      const c = cost(lines, chosen.reduce((sum, b) => sum + b.penalty, 0), em)
      if (!found || c < found.cost - 1e-9) found = { lines, cost: c }
      return
    }
    for (let i = next; i < candidates.length; i++) {
      const b = candidates[i]!
      if (lineOf(glyphs, from, b.at).width > measure + 0.01) break
      // What is left must fit on the lines left.
      if (lineOf(glyphs, b.at, glyphs.length).width > (count - chosen.length - 1) * measure + 0.01) continue
      chosen.push(b)
      walk(b.at, i + 1)
      chosen.pop()
    }
  }
  walk(0, 0)
  return (found as { lines: TitleLine[] } | null)?.lines ?? null
}

export function titleLines(glyphs: readonly Glyph[], measure: number): TitleLine[] {
  const whole = lineOf(glyphs, 0, glyphs.length)
  if (whole.width <= measure + 0.01 || glyphs.length < 2) return whole.glyphs.length ? [whole] : []
  const em = Math.max(...glyphs.map((g) => g.style.size))
  const candidates = wordBreaks(glyphs)
  for (let count = Math.max(2, Math.ceil(whole.width / measure)); count <= MAX_LINES; count++) {
    const lines = best(glyphs, candidates, count, measure, em)
    if (lines) return lines
  }
  // A word longer than the measure (or a title of more than six lines): between characters, on the
  // narrowest measure that takes no more lines than the full one.
  const full = breakLines(glyphs, measure).length
  let narrow = Math.ceil(whole.width / full)
  while (narrow < measure && breakLines(glyphs, narrow).length > full) narrow += em / 2
  return breakLines(glyphs, Math.min(narrow, measure)).map((line) => lineOf(line.glyphs, 0, line.glyphs.length))
}
