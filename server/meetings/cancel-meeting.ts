import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { lockMeeting } from './lock-meeting.ts'
import { meetingMails, whenText } from './invitations.ts'
import { concernedPeople } from './update-meeting.ts'

/** Cancel: the room is freed, open 待办 go away, everyone concerned gets METHOD:CANCEL and a 待阅. */
export async function cancelMeeting(db: Db, actor: Actor, meetingId: string, input: { revision: number; reason?: string }, context: RequestContext) {
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const before = await lockMeeting(tx, actor, meetingId, { manage: true, revision: input.revision })
    if (before.status !== 'SCHEDULED') throw new AppError('meeting.cancelled')
    const meeting = await tx.meeting.update({ where: { id: meetingId }, data: { status: 'CANCELLED', sequence: { increment: 1 }, revision: { increment: 1 } } })
    await tx.roomBooking.updateMany({ where: { meetingId, status: { in: ['PENDING', 'APPROVED'] } }, data: { status: 'CANCELLED' } })
    const told = await concernedPeople(tx, meetingId)
    await completeInboxItems(tx, { objectType: 'Meeting', objectId: meetingId }, 'CANCELLED')
    for (const u of await tx.meetingUnit.findMany({ where: { meetingId }, select: { id: true } })) await completeInboxItems(tx, { objectType: 'MeetingUnit', objectId: u.id }, 'CANCELLED')
    await createInboxItems(tx, told.map((personId) => ({
      personId, kind: 'TO_READ', module: 'meetings', objectType: 'MeetingChange', objectId: `${meetingId}:${meeting.sequence}`,
      title: `会议取消：${meeting.title}`, source: input.reason ?? whenText(meeting), url: `/meetings/${meetingId}`, unitId: meeting.organiserUnitId,
    })))
    await meetingMails(tx, meeting, told, 'CANCEL', `会议取消：${meeting.title}`, `会议已取消${input.reason ? `（${input.reason}）` : ''}：`, now)
    await recordAudit(tx, { actor, action: 'meeting.cancel', objectType: 'Meeting', objectId: meetingId, details: { reason: input.reason ?? null, told: told.length }, context })
    return { meeting, told }
  })
}
