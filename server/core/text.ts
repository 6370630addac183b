import { z } from 'zod'

/**
 * Text that people send, checked once where every schema can use it. PostgreSQL refuses NUL in text
 * ("invalid byte sequence for encoding UTF8: 0x00"), so a NUL that reached a query or an insert was a
 * 500; other C0 controls (and DEL) have no place in stored text and break exports and PDFs. Tab, line
 * feed and carriage return stay: notes and opinions are multi-line.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** The zod issue message a control character gets; the wrapper shows `validation.control_characters`. */
export const CONTROL_CHARACTERS = 'control_characters'

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value)
}

/** Stored text: trimmed, at most `max` characters, refused (400) if it holds NUL or another control character. */
export function plainText(max: number) {
  return z.string().trim().max(max).refine((s) => !CONTROL.test(s), { message: CONTROL_CHARACTERS })
}

/** A search query from a form or URL: trimmed, at most `max` characters, refused if it holds control characters. */
export function searchText(max: number) {
  return z.string().trim().max(max).refine((s) => !CONTROL.test(s), { message: CONTROL_CHARACTERS })
}

/**
 * For queries that reach a module without a schema (a page's search box read from the URL): control
 * characters become spaces, so the query never fails in the database.
 */
export function cleanSearch(value: string | undefined | null): string {
  return (value ?? '').replace(CONTROL_ALL, ' ').trim()
}
