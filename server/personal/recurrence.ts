import * as rruleModule from 'rrule'
import { hours } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'

// rrule 2.8: Node's ESM loader takes its CommonJS build (named exports only through `default`), the
// Next bundler its ESM build (named exports, no default). This works under both (as in server/meetings).
const rrulestr = rruleModule.rrulestr ?? (rruleModule as unknown as { default: typeof rruleModule }).default.rrulestr

const MAX_OCCURRENCES = 400

// rrule counts weekdays and month days in UTC: a Monday 07:00 in Beijing is a Sunday 23:00 UTC, and
// BYDAY=MO would miss it. Rules are therefore evaluated on Beijing wall time (instants moved by +8 h,
// China has no daylight saving) and the results moved back.
const WALL = hours(8)
const toWall = (at: Date) => new Date(at.getTime() + WALL)
const fromWall = (at: Date) => new Date(at.getTime() - WALL)

function parse(rule: string, start: Date) {
  const cleaned = rule.replace(/^RRULE:/i, '').trim().toUpperCase()
  if (!/^[A-Z0-9=;,+-]+$/.test(cleaned) || !/FREQ=/.test(cleaned)) throw new AppError('calendar.recurrence_invalid')
  try {
    return { cleaned, rule: rrulestr(`RRULE:${cleaned}`, { dtstart: toWall(start) }) }
  } catch {
    throw new AppError('calendar.recurrence_invalid')
  }
}

/** Check a rule; give it back normalised with the end of its last occurrence (null: it never ends). */
export function normaliseRule(rule: string, start: Date, durationMs: number): { recurrence: string; repeatsUntil: Date | null } {
  const { cleaned, rule: r } = parse(rule, start)
  const options = r.origOptions
  if (!options.until && !options.count) return { recurrence: cleaned, repeatsUntil: null }
  const all = r.all((_, i) => i < MAX_OCCURRENCES)
  const last = all.at(-1) ? fromWall(all.at(-1)!) : start
  return { recurrence: cleaned, repeatsUntil: new Date(last.getTime() + durationMs) }
}

/** The starts of a series' occurrences overlapping [from, to). */
export function startsBetween(rule: string, start: Date, durationMs: number, from: Date, to: Date): Date[] {
  const { rule: r } = parse(rule, start)
  return r.between(toWall(new Date(from.getTime() - durationMs)), toWall(to), true).map(fromWall)
    .filter((s) => s.getTime() + durationMs > from.getTime() && s < to).slice(0, MAX_OCCURRENCES)
}

/** The first start at or after `after` (for the next reminder). */
export function nextStart(rule: string, start: Date, after: Date): Date | null {
  const next = parse(rule, start).rule.after(toWall(after), true)
  return next ? fromWall(next) : null
}
