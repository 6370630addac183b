import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { plainText } from '../core/text.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { lockMeeting } from './lock-meeting.ts'
import { instant } from './schemas.ts'

export const decisionInput = z.object({ text: plainText(500).pipe(z.string().min(1)), ownerUnitId: z.uuid(), deadline: instant })

/** 议定事项: what the meeting decided, the unit that owns it and by when. */
export async function addDecision(db: Db, actor: Actor, meetingId: string, input: z.input<typeof decisionInput>, context: RequestContext) {
  const fields = decisionInput.parse(input)
  if (!(await db.unit.findFirst({ where: { id: fields.ownerUnitId, isActive: true } }))) throw new AppError('not_found')
  return db.$transaction(async (tx) => {
    await lockMeeting(tx, actor, meetingId, { manage: true })
    const decision = await tx.meetingDecision.create({ data: { meetingId, text: fields.text, ownerUnitId: fields.ownerUnitId, deadline: fields.deadline, createdById: actor.personId, createdAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'meeting.decision_add', objectType: 'Meeting', objectId: meetingId, details: { decision: decision.id, ownerUnitId: decision.ownerUnitId }, context })
    return decision
  })
}

/**
 * The hook for the supervision module (督查督办, branch `supervision`): what a decision becomes as a
 * supervision item — source 会议议定, lead unit, deadline, title — for a person who may manage the
 * meeting. The supervision module creates its item from this, then calls `linkSupervisionItem`.
 */
export async function decisionAsSupervisionSource(db: Db, actor: Actor, decisionId: string) {
  const decision = await db.meetingDecision.findUnique({ where: { id: decisionId } })
  if (!decision) throw new AppError('not_found')
  const meeting = await db.$transaction((tx) => lockMeeting(tx, actor, decision.meetingId, { manage: true }))
  return {
    source: 'MEETING_DECISION' as const, meetingId: meeting.id, meetingTitle: meeting.title, decisionId: decision.id,
    title: decision.text.slice(0, 100), description: `${meeting.title}议定：${decision.text}`, leadUnitId: decision.ownerUnitId, deadline: decision.deadline,
    alreadyItemId: decision.supervisionItemId,
  }
}

/** Record that a decision became a supervision item (in the supervision module's transaction). */
export async function linkSupervisionItem(tx: Parameters<typeof lockMeeting>[0], decisionId: string, supervisionItemId: string) {
  await tx.meetingDecision.update({ where: { id: decisionId }, data: { supervisionItemId } })
}
