import type { Tx } from '../core/db/index.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { notifyInboxChanged } from '../core/events.ts'
import { peopleFor } from './people.ts'

export const FILL_OBJECT = 'ReportFill'
export const REVIEW_OBJECT = 'ReportReview'
export const URGE_OBJECT = 'ReportUrge'
export const submissionUrl = (id: string) => `/reporting/submissions/${id}`

type Sub = { id: string; unitId: string; round: number }
type Col = { title: string; deadline: Date }

/** The unit's 待办 to fill (one per filler per round); `source` says why (sent, returned, reopened). */
export async function giveFillWork(tx: Tx, subs: Sub[], c: Col, source: string) {
  const people = await peopleFor(tx, 'report.fill', subs.map((s) => s.unitId))
  await createInboxItems(tx, subs.flatMap((s) => (people.get(s.unitId) ?? []).map((personId) => ({
    personId, kind: 'TODO' as const, module: 'reporting', objectType: FILL_OBJECT, objectId: `${s.id}:${s.round}`,
    title: `填报：${c.title}`, source, url: submissionUrl(s.id), dueAt: c.deadline, unitId: s.unitId,
  }))))
}

export async function giveReviewWork(tx: Tx, s: Sub, c: Col, source: string) {
  const people = (await peopleFor(tx, 'report.review', [s.unitId])).get(s.unitId) ?? []
  await createInboxItems(tx, people.map((personId) => ({
    personId, kind: 'TODO' as const, module: 'reporting', objectType: REVIEW_OBJECT, objectId: `${s.id}:${s.round}`,
    title: `审核报送：${c.title}`, source, url: submissionUrl(s.id), dueAt: c.deadline, unitId: s.unitId,
  })))
}

export const finishFillWork = (tx: Tx, s: Sub) => completeInboxItems(tx, { objectType: FILL_OBJECT, objectId: `${s.id}:${s.round}` })
export const finishReviewWork = (tx: Tx, s: Sub) => completeInboxItems(tx, { objectType: REVIEW_OBJECT, objectId: `${s.id}:${s.round}` })

/**
 * The collector's board is live through the inbox's badge stream: a change to a submission wakes the
 * collector's stream (LISTEN/NOTIFY, on commit), and the board page refreshes on it. No polling.
 */
export async function wakeBoard(tx: Tx, collectorIds: string[]) {
  await notifyInboxChanged(tx, collectorIds)
}
