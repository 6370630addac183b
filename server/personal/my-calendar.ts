import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { addDays, daysBetween, shanghaiDate, shanghaiInstant } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { meetingsBetween } from '../meetings/index.ts'
import { shiftsBetween } from '../duty/index.ts'
import { documentDeadlinesBetween } from '../documents/index.ts'
import { supervisionDeadlinesBetween } from '../supervision/index.ts'
import { startsBetween } from './recurrence.ts'
import { leaveUrl } from './leave-inbox.ts'

export type CalendarSource = 'own' | 'meeting' | 'duty' | 'document' | 'supervision' | 'leave'

/**
 * One thing on a person's calendar. `uid` is stable across changes (the object's id), `sequence` rises
 * with changes where the object counts them. All-day items carry Beijing dates (`date` … `endDate`,
 * both included); the others instants. A series kept whole (for the ICS feed) has `recurrence`.
 */
export type CalendarItem = {
  uid: string
  source: CalendarSource
  title: string
  startsAt: Date
  endsAt: Date
  isAllDay: boolean
  date: string
  endDate: string
  location: string
  notes: string
  url: string
  sequence: number
  recurrence: string | null
  /** The object's own id (an entry's id for editing). */
  objectId: string
}

const MAX_DAYS = 250

function allDay(date: string, endDate = date) {
  return { startsAt: shanghaiInstant(date), endsAt: shanghaiInstant(addDays(endDate, 1)), isAllDay: true, date, endDate }
}

function timed(startsAt: Date, endsAt: Date) {
  return { startsAt, endsAt, isAllDay: false, date: shanghaiDate(startsAt), endDate: shanghaiDate(new Date(Math.max(startsAt.getTime(), endsAt.getTime() - 1))) }
}

/** Occurrences of a series in the range, or the series itself when `expand` is off (the ICS feed). */
function occurrencesOf<T extends { startsAt: Date; endsAt: Date; recurrence: string | null }>(row: T, from: Date, to: Date, expand: boolean): { startsAt: Date; endsAt: Date; index: string | null }[] {
  if (!row.recurrence || !expand) return [{ startsAt: row.startsAt, endsAt: row.endsAt, index: null }]
  const duration = row.endsAt.getTime() - row.startsAt.getTime()
  return startsBetween(row.recurrence, row.startsAt, duration, from, to).map((s) => ({ startsAt: s, endsAt: new Date(s.getTime() + duration), index: s.toISOString() }))
}

/**
 * 我的日程 for Beijing dates `from` … `to` (both included): my meetings, my duty shifts, my documents'
 * and supervision items' deadlines, my leave and my own entries. Each source is asked through its
 * module's index.ts with a ranged query; nothing is scanned. Sorted by start.
 */
export async function myCalendar(db: Db, actor: Actor, range: { from: string; to: string }, options: { expand?: boolean } = {}): Promise<CalendarItem[]> {
  return calendarOf(db, actor.personId, range, options)
}

/** The same for a person named by the ICS feed's token (server/personal only: no actor, no session). */
export async function calendarOf(db: Db, me: string, range: { from: string; to: string }, options: { expand?: boolean } = {}): Promise<CalendarItem[]> {
  if (range.to < range.from || daysBetween(range.from, range.to) > MAX_DAYS) throw new AppError('calendar.period')
  const expand = options.expand ?? true
  const from = shanghaiInstant(range.from)
  const to = shanghaiInstant(addDays(range.to, 1))
  const [meetings, shifts, tasks, items, leave, entries] = await Promise.all([
    meetingsBetween(db, me, from, to),
    shiftsBetween(db, me, from, to),
    documentDeadlinesBetween(db, me, from, to),
    supervisionDeadlinesBetween(db, me, from, to),
    db.leaveRequest.findMany({ where: { personId: me, status: { in: ['PENDING', 'APPROVED'] }, startsAt: { lt: to }, endsAt: { gt: from } }, orderBy: { startsAt: 'asc' }, take: 100 }),
    db.calendarEntry.findMany({
      where: { personId: me, startsAt: { lt: to }, OR: [{ repeatsUntil: null }, { repeatsUntil: { gt: from } }] },
      orderBy: { startsAt: 'asc' }, take: 500,
    }),
  ])
  const out: CalendarItem[] = []
  const base = { location: '', notes: '', sequence: 0, recurrence: null }
  for (const m of meetings) {
    for (const o of occurrencesOf(m, from, to, expand)) {
      out.push({ ...base, uid: o.index ? `${m.icsUid}#${o.index}` : m.icsUid, source: 'meeting', title: m.title, ...timed(o.startsAt, o.endsAt), location: m.location, url: `/meetings/${m.id}`, recurrence: expand ? null : m.recurrence, objectId: m.id })
    }
  }
  for (const s of shifts) out.push({ ...base, uid: `duty-${s.id}@xietong`, source: 'duty', title: `值班：${s.post} ${s.role}`, ...timed(s.startsAt, s.endsAt), url: `/duty/rosters/${s.rosterId}`, objectId: s.id })
  for (const t of tasks) out.push({ ...base, uid: `document-task-${t.taskId}@xietong`, source: 'document', title: `公文办理期限：${t.title}`, ...allDay(shanghaiDate(t.dueAt)), url: `/documents/${t.documentId}`, objectId: t.documentId })
  for (const i of items) {
    if (i.deadline >= from && i.deadline < to) out.push({ ...base, uid: `supervision-${i.id}@xietong`, source: 'supervision', title: `督办期限：${i.title}`, ...allDay(shanghaiDate(i.deadline)), url: `/supervision/${i.id}`, objectId: i.id })
    if (i.nextReportDueAt && i.nextReportDueAt >= from && i.nextReportDueAt < to) out.push({ ...base, uid: `supervision-report-${i.id}@xietong`, source: 'supervision', title: `督办进展反馈：${i.title}`, ...allDay(shanghaiDate(i.nextReportDueAt)), url: `/supervision/${i.id}`, objectId: i.id })
  }
  for (const l of leave) {
    out.push({ ...base, uid: `leave-${l.id}@xietong`, source: 'leave', title: l.status === 'APPROVED' ? '请假' : '请假（审批中）', ...allDay(l.startDate, l.endDate), startsAt: l.startsAt, endsAt: l.endsAt, sequence: l.revision, url: leaveUrl(l.id), objectId: l.id })
  }
  for (const e of entries) {
    for (const o of occurrencesOf(e, from, to, expand)) {
      if (o.endsAt <= from && !(e.recurrence && !expand)) continue
      const when = e.isAllDay ? { ...allDay(shanghaiDate(o.startsAt), shanghaiDate(new Date(Math.max(o.startsAt.getTime(), o.endsAt.getTime() - 1)))), startsAt: o.startsAt, endsAt: o.endsAt } : timed(o.startsAt, o.endsAt)
      out.push({ uid: o.index ? `entry-${e.id}@xietong#${o.index}` : `entry-${e.id}@xietong`, source: 'own', title: e.title, ...when, location: e.location, notes: e.notes, sequence: e.sequence, recurrence: expand ? null : e.recurrence, url: `/personal/calendar/entries/${e.id}`, objectId: e.id })
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.title.localeCompare(b.title))
}
