import { icsUtc } from '../core/clock.ts'
import { icsDocument, icsText as text } from '../core/ics.ts'

export type IcsMeeting = {
  icsUid: string; sequence: number; title: string; startsAt: Date; endsAt: Date; location: string
  recurrence: string | null; url: string; organiser: { name: string; email: string | null }; description?: string
}

/**
 * One meeting as an iCalendar invitation. Times are written in UTC (…Z): a calendar shows them in
 * the reader's zone, and no server time zone can shift them (a local-time writer turned a 09:30
 * Beijing meeting into 01:30 under TZ=UTC). The UID stays for the meeting's life; SEQUENCE rises with
 * every change, and METHOD:CANCEL with STATUS:CANCELLED withdraws it.
 */
export function meetingIcs(meeting: IcsMeeting, method: 'REQUEST' | 'CANCEL', attendee: { name: string; email: string }, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Xietong//Meetings//ZH', 'CALSCALE:GREGORIAN', `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${meeting.icsUid}`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${icsUtc(now)}`,
    `DTSTART:${icsUtc(meeting.startsAt)}`,
    `DTEND:${icsUtc(meeting.endsAt)}`,
    ...(meeting.recurrence ? [`RRULE:${meeting.recurrence}`] : []),
    `SUMMARY:${text(meeting.title)}`,
    ...(meeting.location ? [`LOCATION:${text(meeting.location)}`] : []),
    `DESCRIPTION:${text(`${meeting.description ? `${meeting.description}\n` : ''}${meeting.url}`)}`,
    `URL:${meeting.url}`,
    `ORGANIZER;CN=${text(meeting.organiser.name)}:mailto:${meeting.organiser.email ?? 'noreply@xietong.invalid'}`,
    `ATTENDEE;CN=${text(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${attendee.email}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT', 'END:VCALENDAR',
  ]
  return icsDocument(lines)
}
