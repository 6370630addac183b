import type { Db } from '../core/db/index.ts'
import { unitScopeWhere, hasPermission, type Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import type { ChainStep } from './approval-chain.ts'
import { leavePolicy, loadLeave } from './policy.ts'

const row = { id: true, personId: true, type: true, startDate: true, startHalf: true, endDate: true, endHalf: true, halfDays: true, status: true, stepIndex: true, steps: true, revision: true, createdAt: true, person: { select: { name: true } } } as const

/** The actor's own leave, newest first. */
export async function myLeave(db: Db, actor: Actor) {
  return db.leaveRequest.findMany({ where: { personId: actor.personId }, orderBy: { startsAt: 'desc' }, take: 50, select: row })
}

/** Leave waiting for the actor's decision (the step waiting is theirs). */
export async function leaveToApprove(db: Db, actor: Actor) {
  const rows = await db.leaveRequest.findMany({ where: { status: 'PENDING', approverIds: { has: actor.personId } }, orderBy: { startsAt: 'asc' }, take: 100, select: row })
  return rows.filter((r) => leavePolicy.mayDecide(actor, r))
}

/** The office's view: leave of its organisations from a date on (current and coming). */
export async function officeLeave(db: Db, actor: Actor) {
  if (!hasPermission(actor, 'leave.manage')) return []
  return db.leaveRequest.findMany({ where: { organ: unitScopeWhere(actor, 'leave.manage'), endsAt: { gt: new Date(clock.now().getTime() - 30 * 86_400_000) } }, orderBy: { startsAt: 'asc' }, take: 200, select: row })
}

/** One leave as its page shows it, with what the actor may do. */
export async function getLeave(db: Db, actor: Actor, id: string) {
  const leave = await loadLeave(db, actor, id)
  const steps = leave.steps as ChainStep[]
  const now = clock.now()
  const isOwn = leave.personId === actor.personId
  return {
    id: leave.id, person: leave.person, organ: { id: leave.organ.id, name: leave.organ.name }, type: leave.type, reason: leave.reason,
    startDate: leave.startDate, startHalf: leave.startHalf, endDate: leave.endDate, endHalf: leave.endHalf, startsAt: leave.startsAt, endsAt: leave.endsAt,
    halfDays: leave.halfDays, status: leave.status, stepIndex: leave.stepIndex, revision: leave.revision, createdAt: leave.createdAt,
    steps: steps.map((s, i) => ({ ...s, decision: leave.decisions.find((d) => d.stepIndex === i) ?? null })),
    mayDecide: leavePolicy.mayDecide(actor, leave),
    mayCancel: isOwn && (leave.status === 'PENDING' || leave.status === 'APPROVED') && leave.startsAt > now,
    /** On approval the person is offered a 委托 of their document steps for the period. */
    offersDelegation: isOwn && leave.status === 'APPROVED' && leave.endsAt > now,
  }
}
