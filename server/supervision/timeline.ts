import type { Prisma, Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'

/** Timeline actions, shown on the item page (supervision.timeline.<action>). */
export type TimelineAction =
  | 'CREATED' | 'OPENED' | 'DECOMPOSED' | 'ASSIGNED' | 'ACCEPTED' | 'RETURNED' | 'REPORTED' | 'COMMENTED' | 'MORE_REQUESTED'
  | 'URGED' | 'ESCALATED' | 'COMPLETION_REQUESTED' | 'COMPLETED' | 'SENT_BACK' | 'RATED' | 'NOTICE_DRAFTED'

export const OBJECT_TYPE = 'SupervisionItem'
export const ASSIGNMENT_OBJECT = 'SupervisionAssignment'
export const REPORT_DUE_OBJECT = 'SupervisionReportDue'
export const URGE_OBJECT = 'SupervisionUrge'
export const REVIEW_OBJECT = 'SupervisionReview'
export const MORE_OBJECT = 'SupervisionMore'

export async function recordEvent(tx: Tx, itemId: string, actorId: string | null, action: TimelineAction, details: Prisma.InputJsonObject = {}) {
  await tx.supervisionEvent.create({ data: { itemId, actorId, action, details, at: clock.now() } })
}

export const itemUrl = (id: string) => `/supervision/${id}`

/** Lock the item row and check the revision the page showed. */
export async function lockItem(tx: Tx, id: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "SupervisionItem" WHERE id = ${id}::uuid FOR UPDATE`
}
