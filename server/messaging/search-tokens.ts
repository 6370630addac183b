/**
 * Search tokens for Chinese, made by the application (FACTS "Search in Chinese"): PostgreSQL's parsers
 * keep a Chinese sentence as one token, and pg_trgm needs three characters. A run of CJK characters
 * gives its single characters and its bigrams (督办情况 → 督 办 情 况 督办 办情 情况); a run of Latin
 * letters or digits gives the lower-cased word (PDF → pdf, 2026). A query is the AND of its tokens:
 * bigrams for two or more CJK characters, the character alone for one, words as prefixes.
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u
const RUNS = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+|(?:(?![\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af])[\p{L}\p{N}])+/gu

function runs(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(RUNS) ?? []
}

/** The lexemes stored for a message's text and file name (array_to_tsvector, no positions). */
export function documentTokens(text: string): string[] {
  const out = new Set<string>()
  for (const run of runs(text)) {
    if (CJK.test(run[0]!)) {
      const chars = [...run]
      chars.forEach((c, i) => {
        out.add(c)
        if (i + 1 < chars.length) out.add(c + chars[i + 1])
      })
    } else if (run.length <= 64) out.add(run)
  }
  return [...out]
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`

/** A tsquery (text form, for `::tsquery`) that finds every message holding the query, or null for an empty query. */
export function queryTokens(query: string): string | null {
  const parts: string[] = []
  for (const run of runs(query)) {
    if (CJK.test(run[0]!)) {
      const chars = [...run]
      if (chars.length === 1) parts.push(quote(chars[0]!))
      else for (let i = 0; i + 1 < chars.length; i++) parts.push(quote(chars[i]! + chars[i + 1]!))
    } else parts.push(`${quote(run.slice(0, 64))}:*`)
  }
  return parts.length ? [...new Set(parts)].join(' & ') : null
}
