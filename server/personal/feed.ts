import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { addDays, clock, icsUtc, shanghaiDate, shanghaiTime } from '../core/clock.ts'
import { notFound } from '../core/errors.ts'
import { randomToken, sha256Hex } from '../core/crypto.ts'
import { icsDocument, icsText } from '../core/ics.ts'
import { recordAudit } from '../core/audit/index.ts'
import { config } from '../core/config.ts'
import type { RequestContext } from '../core/request-context.ts'
import { calendarOf, type CalendarItem } from './my-calendar.ts'

/** The feed's address path; the token is the only credential (calendar apps send no cookies). */
export const feedPath = (token: string) => `/api/personal/ics/${token}`

/**
 * Make (or remake) the person's ICS feed token. Only its SHA-256 is kept, so the address is shown once;
 * remaking replaces the hash, and the old address answers not found from then on.
 */
export async function makeFeedToken(db: Db, actor: Actor, context: RequestContext) {
  const token = randomToken(32)
  const tokenHash = sha256Hex(token)
  await db.$transaction(async (tx) => {
    await tx.calendarFeed.upsert({ where: { personId: actor.personId }, create: { personId: actor.personId, tokenHash, createdAt: clock.now() }, update: { tokenHash, createdAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'calendar.feed_make', objectType: 'CalendarFeed', objectId: actor.personId, context })
  })
  return { token, path: feedPath(token) }
}

export async function revokeFeedToken(db: Db, actor: Actor, context: RequestContext) {
  await db.$transaction(async (tx) => {
    await tx.calendarFeed.deleteMany({ where: { personId: actor.personId } })
    await recordAudit(tx, { actor, action: 'calendar.feed_revoke', objectType: 'CalendarFeed', objectId: actor.personId, context })
  })
}

export async function feedStatus(db: Db, actor: Actor) {
  const row = await db.calendarFeed.findUnique({ where: { personId: actor.personId }, select: { createdAt: true } })
  return row ? { createdAt: row.createdAt } : null
}

const beijingLocal = (at: Date) => `${shanghaiDate(at).replaceAll('-', '')}T${shanghaiTime(at).replace(':', '')}00`

/** China keeps UTC+8 all year: one STANDARD block describes the zone. */
const VTIMEZONE = ['BEGIN:VTIMEZONE', 'TZID:Asia/Shanghai', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0800', 'TZOFFSETTO:+0800', 'TZNAME:CST', 'END:STANDARD', 'END:VTIMEZONE']

function icsEvent(item: CalendarItem, now: Date, origin: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${item.uid}`, `DTSTAMP:${icsUtc(now)}`, `SEQUENCE:${item.sequence}`]
  if (item.isAllDay) lines.push(`DTSTART;VALUE=DATE:${item.date.replaceAll('-', '')}`, `DTEND;VALUE=DATE:${addDays(item.endDate, 1).replaceAll('-', '')}`)
  // A series is written on Beijing wall time (TZID), so that BYDAY=MO means a Beijing Monday in every app.
  else if (item.recurrence) lines.push(`DTSTART;TZID=Asia/Shanghai:${beijingLocal(item.startsAt)}`, `DTEND;TZID=Asia/Shanghai:${beijingLocal(item.endsAt)}`)
  else lines.push(`DTSTART:${icsUtc(item.startsAt)}`, `DTEND:${icsUtc(item.endsAt)}`)
  if (item.recurrence) lines.push(`RRULE:${item.recurrence}`)
  lines.push(`SUMMARY:${icsText(item.title)}`)
  if (item.location) lines.push(`LOCATION:${icsText(item.location)}`)
  if (item.notes) lines.push(`DESCRIPTION:${icsText(item.notes)}`)
  lines.push(`URL:${origin}${item.url}`, 'END:VEVENT')
  return lines
}

/**
 * The feed for a token: the person's calendar from 60 days back to 180 ahead, series kept whole (RRULE).
 * An unknown, remade or revoked token is not found, exactly like a token that never existed.
 */
export async function feedByToken(db: Db, token: string): Promise<string> {
  const origin = config().PUBLIC_URL.replace(/\/$/, '')
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound()
  const row = await db.calendarFeed.findUnique({ where: { tokenHash: sha256Hex(token) }, select: { personId: true, person: { select: { name: true, isActive: true } } } })
  if (!row || !row.person.isActive) throw notFound()
  const now = clock.now()
  const today = shanghaiDate(now)
  const items = await calendarOf(db, row.personId, { from: addDays(today, -60), to: addDays(today, 180) }, { expand: false })
  // A series that began before the window still comes once (calendarOf returns it when it reaches in).
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Xietong//Personal calendar//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(`${row.person.name}的日程`)}`, 'X-WR-TIMEZONE:Asia/Shanghai', ...VTIMEZONE]
  const seen = new Set<string>()
  for (const item of items) {
    if (seen.has(item.uid)) continue
    seen.add(item.uid)
    lines.push(...icsEvent(item, now, origin))
  }
  lines.push('END:VCALENDAR')
  return icsDocument(lines)
}
