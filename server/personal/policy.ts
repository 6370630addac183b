import type { Db, Prisma, Tx } from '../core/db/index.ts'
import { hasPermission, unitScopeWhere, type Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import type { ChainStep } from './approval-chain.ts'

/**
 * Who sees a leave request: the person who asked, the approvers in its chain, and the office of its
 * organisation (leave.manage over it). Everyone else gets not found, for pages, lists and actions alike.
 */
export function leaveVisibleWhere(actor: Actor): Prisma.LeaveRequestWhereInput {
  const or: Prisma.LeaveRequestWhereInput[] = [{ personId: actor.personId }, { approverIds: { has: actor.personId } }]
  if (hasPermission(actor, 'leave.manage')) or.push({ organ: unitScopeWhere(actor, 'leave.manage') })
  return { OR: or }
}

export const leavePolicy = {
  isOffice: (actor: Actor, organ: { path: string }) => hasPermission(actor, 'leave.manage', { unitPath: organ.path }),
  /** The step waiting, and so the one person who may decide now. */
  currentStep(leave: { steps: unknown; stepIndex: number; status: string }): ChainStep | null {
    if (leave.status !== 'PENDING') return null
    return (leave.steps as ChainStep[])[leave.stepIndex] ?? null
  },
  mayDecide(actor: Actor, leave: { steps: unknown; stepIndex: number; status: string }) {
    return leavePolicy.currentStep(leave)?.approverId === actor.personId
  },
}

/** Load a leave the actor may see; in a transaction, lock it FOR UPDATE and check the page's revision. */
export async function loadLeave(db: Db | Tx, actor: Actor, id: string, options: { forUpdate?: boolean; revision?: number } = {}) {
  if (options.forUpdate) await db.$queryRaw`SELECT id FROM "LeaveRequest" WHERE id = ${id}::uuid FOR UPDATE`
  const leave = await db.leaveRequest.findFirst({
    where: { AND: [{ id }, leaveVisibleWhere(actor)] },
    include: { person: { select: { id: true, name: true } }, organ: { select: { id: true, name: true, path: true } }, decisions: { orderBy: { decidedAt: 'asc' } } },
  })
  if (!leave) throw notFound()
  if (options.revision !== undefined && options.revision !== leave.revision) throw new AppError('leave.stale')
  return leave
}
