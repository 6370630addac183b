import { minutes } from '../core/clock.ts'

const BEIJING_OFFSET_MINUTES = 8 * 60 // China has no daylight saving time.

/** Minutes after midnight, and the date, in Beijing time. */
export function beijingClock(now: Date): { minuteOfDay: number; date: string } {
  const shifted = new Date(now.getTime() + minutes(BEIJING_OFFSET_MINUTES))
  return { minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(), date: shifted.toISOString().slice(0, 10) }
}

type Quiet = { quietStart: number | null; quietEnd: number | null }

export function isQuietAt(pref: Quiet, now: Date): boolean {
  if (pref.quietStart === null || pref.quietEnd === null || pref.quietStart === pref.quietEnd) return false
  const m = beijingClock(now).minuteOfDay
  return pref.quietStart < pref.quietEnd ? m >= pref.quietStart && m < pref.quietEnd : m >= pref.quietStart || m < pref.quietEnd
}

/** When the current quiet period ends (now, if it is not quiet). */
export function quietEndsAt(pref: Quiet, now: Date): Date {
  if (!isQuietAt(pref, now)) return now
  const m = beijingClock(now).minuteOfDay
  const wait = (pref.quietEnd! - m + 24 * 60) % (24 * 60)
  const at = new Date(now.getTime() + minutes(wait))
  at.setUTCSeconds(0, 0)
  return at
}
