/**
 * A person's shifts as iCalendar (RFC 5545). Times are written in UTC (`…Z`): ical-generator with a time
 * zone and plain Dates writes the server's local wall time (a Beijing 09:30 became 01:30 under TZ=UTC),
 * so we write instants, which every calendar shows in its own zone.
 */
import { icsUtc } from '../core/clock.ts'
import { icsDocument, icsText } from '../core/ics.ts'

export type IcsShift = { id: string; title: string; location?: string; description?: string; startsAt: Date; endsAt: Date }

export function shiftsToIcs(calendarName: string, shifts: readonly IcsShift[], now: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Xietong//Duty//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(calendarName)}`]
  for (const s of shifts) {
    lines.push('BEGIN:VEVENT', `UID:${s.id}@xietong-duty`, `DTSTAMP:${icsUtc(now)}`, `DTSTART:${icsUtc(s.startsAt)}`, `DTEND:${icsUtc(s.endsAt)}`, `SUMMARY:${icsText(s.title)}`)
    if (s.location) lines.push(`LOCATION:${icsText(s.location)}`)
    if (s.description) lines.push(`DESCRIPTION:${icsText(s.description)}`)
    lines.push('END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return icsDocument(lines)
}
