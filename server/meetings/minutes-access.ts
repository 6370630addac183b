import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { actorOf } from '../auth/index.ts'
import { signTicket, ticketSecret, type Right } from '../realtime-tickets/index.ts'
import { findVisibleMeeting, meetingPolicy } from './policy.ts'

const PREFIX = 'meeting-minutes:'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The co-edited minutes of a meeting (纪要 before it is issued) on the co-editing server. */
export const minutesDocName = (meetingId: string) => `${PREFIX}${meetingId}`
export const meetingIdOfMinutes = (docName: string) => {
  const id = docName.slice(PREFIX.length)
  return docName.startsWith(PREFIX) && UUID.test(id) ? id : null
}

/**
 * Who co-edits the minutes: the meeting's managers (the organiser, the organiser unit's office) and
 * its chair — `meetingPolicy.mayManageMeeting` over the meeting the actor may see, as on the page.
 * Edit while the meeting stands and the minutes are not yet issued as a 纪要 document; read after
 * (the document is then the truth, co-edited on its own page). Anyone else: nothing (not found).
 */
export async function minutesRight(db: Db, actor: Actor, meetingId: string): Promise<Right | null> {
  const meeting = await findVisibleMeeting(db, actor, meetingId)
  if (!meeting) return null
  const unit = await db.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { path: true } })
  if (!meetingPolicy.mayManageMeeting(actor, meeting, unit) && meeting.chairId !== actor.personId) return null
  return meeting.status === 'CANCELLED' || meeting.minutesDocumentId ? 'read' : 'edit'
}

/**
 * The co-editing server's check for `meeting-minutes:<id>`, run at connect and on every re-check (a
 * change of grants, issuing the minutes, cancelling): the same rule as the ticket. Other documents are
 * not this module's (`undefined`).
 */
export function meetingMinutesAccess(db: Db) {
  return async (docName: string, personId: string): Promise<Right | null | undefined> => {
    if (!docName.startsWith(PREFIX)) return undefined
    const meetingId = meetingIdOfMinutes(docName)
    if (!meetingId) return null
    const actor = await actorOf(db, personId)
    return actor ? minutesRight(db, actor, meetingId) : null
  }
}

/** A ticket for the meeting page's minutes editor: where to connect and with which right. */
export async function minutesTicket(db: Db, actor: Actor, meetingId: string) {
  const right = await minutesRight(db, actor, meetingId)
  if (!right) throw new AppError('not_found')
  const doc = minutesDocName(meetingId)
  return { doc, right, ticket: signTicket(await ticketSecret(db), { doc, personId: actor.personId, sessionId: actor.sessionId, name: actor.name, right }) }
}
