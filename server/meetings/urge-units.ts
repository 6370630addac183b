import type { Db } from '../core/db/index.ts'
import { createInboxItems } from '../inbox/index.ts'
import { unitContacts, whenText } from './invitations.ts'

/**
 * 催报: units invited as units that have named nobody, whose deadline (or the start) is within
 * `window` of `now`, get a 待阅 at their office once a day. Returns how many units were urged.
 */
export async function urgeLateUnits(db: Db, now: Date, window: number): Promise<number> {
  const due = await db.meetingUnit.findMany({
    where: {
      namedAt: null, OR: [{ urgedAt: null }, { urgedAt: { lt: new Date(now.getTime() - window) } }],
      meeting: { status: 'SCHEDULED', startsAt: { gt: now }, OR: [{ rsvpDeadline: { gt: now, lte: new Date(now.getTime() + window) } }, { rsvpDeadline: null, startsAt: { lte: new Date(now.getTime() + window) } }] },
    },
    include: { meeting: true }, take: 500,
  })
  for (const u of due) {
    await db.$transaction(async (tx) => {
      const contacts = await unitContacts(tx, u.unitId)
      await createInboxItems(tx, contacts.map((personId) => ({
        personId, kind: 'TO_READ', module: 'meetings', objectType: 'MeetingUnitUrge', objectId: `${u.id}:${now.toISOString().slice(0, 10)}`,
        title: `催报：${u.meeting.title}`, source: `请在截止前报名 · ${whenText(u.meeting)}`, url: `/meetings/${u.meetingId}`, urgency: 'URGENT', unitId: u.unitId,
      })))
      await tx.meetingUnit.update({ where: { id: u.id }, data: { urgedAt: now } })
    })
  }
  return due.length
}
