/** Escape LIKE's wildcards so user text (or a stored path) matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every id in the schema is a UUID; anything else names nothing (and must not reach a uuid column). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value)
}
