import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { currentSeat } from './desk-helpers.ts'
import { logEntryInput, type LogEntryInput } from './schemas.ts'

/** 值班日志: the officer on duty records a call or an event at their post. */
export async function addLogEntry(db: Db, actor: Actor, input: LogEntryInput, context: RequestContext) {
  const fields = logEntryInput.parse(input)
  const now = clock.now()
  const seat = await currentSeat(db, actor.personId, now)
  if (!seat) throw new AppError('duty.not_on_shift')
  return db.$transaction(async (tx) => {
    const entry = await tx.dutyLogEntry.create({ data: { postId: seat.roster.postId, assignmentId: seat.id, authorId: actor.personId, kind: fields.kind, at: now, text: fields.text } })
    await recordAudit(tx, { actor, action: 'duty.log_add', objectType: 'DutyLogEntry', objectId: entry.id, details: { post: seat.roster.post.name, kind: fields.kind }, context })
    return { id: entry.id }
  })
}
