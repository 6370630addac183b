import type { Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { findVisibleMeeting, meetingPolicy } from './policy.ts'

/**
 * Lock a meeting row (SELECT … FOR UPDATE) for a change: invisible answers not found; `manage` needs
 * the organiser or the organiser unit's office; a `revision` other than the row's is stale.
 */
export async function lockMeeting(tx: Tx, actor: Actor, meetingId: string, options: { manage?: boolean; revision?: number } = {}) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Meeting" WHERE id = ${meetingId}::uuid FOR UPDATE`
  if (!row) throw new AppError('not_found')
  const meeting = await findVisibleMeeting(tx, actor, meetingId)
  if (!meeting) throw new AppError('not_found')
  if (options.manage) {
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { path: true } })
    if (!meetingPolicy.mayManageMeeting(actor, meeting, unit)) throw new AppError('forbidden')
  }
  if (options.revision !== undefined && options.revision !== meeting.revision) throw new AppError('meeting.stale')
  return meeting
}
