import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { lockMeeting } from './lock-meeting.ts'
import { invitePeople } from './invitations.ts'
import { wakeRoll } from './wake-roll.ts'
import { answerInput, type AnswerInput } from './schemas.ts'

/**
 * 参会回执: attend, decline with a reason, or send a substitute (代参会: the substitute is invited in
 * the invitee's place, with the same unit). Answering clears the invitee's 待办; one may change an
 * answer until the deadline (a substitute, once sent, stays invited).
 */
export async function answerInvitation(db: Db, actor: Actor, meetingId: string, input: AnswerInput, context: RequestContext) {
  const fields = answerInput.parse(input)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const meeting = await lockMeeting(tx, actor, meetingId)
    if (meeting.status !== 'SCHEDULED') throw new AppError('meeting.cancelled')
    const invitee = await tx.meetingInvitee.findUnique({ where: { meetingId_personId: { meetingId, personId: actor.personId } } })
    if (!invitee) throw new AppError('meeting.not_invited')
    if ((meeting.rsvpDeadline ?? meeting.startsAt) < now) throw new AppError('meeting.deadline_passed')
    let substitute: string | null = null
    if (fields.answer === 'SUBSTITUTE') {
      const person = await tx.person.findFirst({ where: { id: fields.substituteId, isActive: true }, select: { id: true, name: true } })
      if (!person || person.id === actor.personId) throw new AppError('not_found')
      const added = await invitePeople(tx, meeting, [{ personId: person.id, role: invitee.role === 'HOST' ? 'ATTENDEE' : invitee.role, viaUnitId: invitee.viaUnitId, substituteForId: invitee.id }], now)
      if (!added.length) throw new AppError('meeting.substitute_invited', { name: person.name })
      substitute = person.id
    }
    const updated = await tx.meetingInvitee.update({
      where: { id: invitee.id },
      data: { answer: fields.answer, declineReason: fields.answer === 'ATTEND' ? null : (fields.reason ?? null), answeredAt: now },
    })
    await completeInboxItems(tx, { objectType: 'Meeting', objectId: meetingId, personId: actor.personId, kind: 'TODO' })
    await wakeRoll(tx, meetingId)
    await recordAudit(tx, { actor, action: 'meeting.answer', objectType: 'Meeting', objectId: meetingId, details: { answer: fields.answer, substitute }, context })
    return { invitee: updated, substitute }
  })
}
