import * as rruleModule from 'rrule'
import { AppError } from '../core/errors.ts'

// rrule 2.8: Node's ESM loader takes its CommonJS build (named exports only through `default`), the
// Next bundler its ESM build (named exports, no default). This works under both.
const rrulestr = rruleModule.rrulestr ?? (rruleModule as unknown as { default: typeof rruleModule }).default.rrulestr

/**
 * Check an RRULE (without DTSTART) and give its first occurrences from `start`. Occurrences are
 * computed in UTC instants: a weekly rule keeps the Beijing wall time (no daylight saving in China).
 */
export function occurrences(rule: string, start: Date, limit = 10): Date[] {
  const cleaned = rule.replace(/^RRULE:/i, '').trim()
  if (!/^[A-Z0-9=;,+-]+$/i.test(cleaned) || !/FREQ=/i.test(cleaned)) throw new AppError('meeting.recurrence_invalid')
  try {
    const parsed = rrulestr(`RRULE:${cleaned}`, { dtstart: start })
    return parsed.all((_, i) => i < limit)
  } catch {
    throw new AppError('meeting.recurrence_invalid')
  }
}

export function normaliseRecurrence(rule: string | null | undefined, start: Date): string | null {
  if (!rule?.trim()) return null
  occurrences(rule, start, 2)
  return rule.replace(/^RRULE:/i, '').trim().toUpperCase()
}
