import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { loadSubmission } from './load-submission.ts'
import { checkValues, type Values } from './values.ts'
import { finishFillWork, finishReviewWork, giveFillWork, giveReviewWork, wakeBoard } from './work.ts'
import { reopenInput, reviewInput, saveSubmissionInput, submitInput } from './schemas.ts'
import type { z } from 'zod'

const EDITABLE = ['NOT_STARTED', 'DRAFT', 'RETURNED'] as const
const isEditable = (status: string) => (EDITABLE as readonly string[]).includes(status)

/** Values with problems answer `validation`, each problem at its field (row, column) for the page. */
function assertClean(issues: ReturnType<typeof checkValues>['issues']) {
  if (issues.length) throw new AppError('validation', {}, issues)
}

/**
 * Save the unit's draft (暂存). Anyone of the unit with report.fill edits the one shared draft; the
 * revision they loaded must still be the current one, else `reporting.stale` (nobody's work is lost).
 */
export async function saveDraft(db: Db, actor: Actor, id: string, input: z.input<typeof saveSubmissionInput>, context: RequestContext) {
  const f = saveSubmissionInput.parse(input)
  return db.$transaction(async (tx) => {
    const s = await loadSubmission(tx, actor, id, { forUpdate: true, revision: f.revision })
    if (!s.mayFill) throw new AppError('reporting.not_filler')
    if (!isEditable(s.status)) throw new AppError('reporting.not_editable')
    const { values, issues } = checkValues(s.definition, f.values as Values, { draft: true })
    assertClean(issues)
    const updated = await tx.reportSubmission.update({
      where: { id }, data: { values: values as object, status: s.status === 'NOT_STARTED' ? 'DRAFT' : s.status, editedById: actor.personId, updatedAt: clock.now(), revision: { increment: 1 } },
    })
    if (s.status === 'NOT_STARTED') await wakeBoard(tx, [s.collection.createdById])
    await recordAudit(tx, { actor, action: 'reporting.save_draft', objectType: 'ReportSubmission', objectId: id, context })
    return { revision: updated.revision }
  })
}

/** 提交审核: the stored values must pass every rule of the template version; the unit's reviewers get it. */
export async function submitForReview(db: Db, actor: Actor, id: string, input: z.input<typeof submitInput>, context: RequestContext) {
  const f = submitInput.parse(input)
  return db.$transaction(async (tx) => {
    const s = await loadSubmission(tx, actor, id, { forUpdate: true, revision: f.revision })
    if (!s.mayFill) throw new AppError('reporting.not_filler')
    if (!isEditable(s.status)) throw new AppError('reporting.not_editable')
    assertClean(checkValues(s.definition, s.values as Values, { draft: false }).issues)
    const updated = await tx.reportSubmission.update({ where: { id }, data: { status: 'PENDING_REVIEW', returnReason: '', editedById: actor.personId, updatedAt: clock.now(), revision: { increment: 1 } } })
    await finishFillWork(tx, s)
    await giveReviewWork(tx, s, s.collection, `${s.unit.name} · ${actor.name}`)
    await wakeBoard(tx, [s.collection.createdById])
    await recordAudit(tx, { actor, action: 'reporting.submit_for_review', objectType: 'ReportSubmission', objectId: id, context })
    return { revision: updated.revision }
  })
}

/** 审核: the unit's reviewer approves and submits it up (已报), or sends it back with a reason (退回). */
export async function reviewSubmission(db: Db, actor: Actor, id: string, input: z.input<typeof reviewInput>, context: RequestContext) {
  const f = reviewInput.parse(input)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const s = await loadSubmission(tx, actor, id, { forUpdate: true, revision: f.revision })
    if (!s.mayReview) throw new AppError('reporting.not_reviewer')
    if (s.status !== 'PENDING_REVIEW') throw new AppError('reporting.not_pending')
    if (!f.approve && !f.reason.trim()) throw new AppError('reporting.reason_required')
    await finishReviewWork(tx, s)
    const updated = f.approve
      ? await tx.reportSubmission.update({ where: { id }, data: { status: 'SUBMITTED', submittedAt: now, reviewedById: actor.personId, revision: { increment: 1 } } })
      : await tx.reportSubmission.update({ where: { id }, data: { status: 'RETURNED', returnReason: f.reason, reviewedById: actor.personId, round: { increment: 1 }, revision: { increment: 1 } } })
    if (!f.approve) await giveFillWork(tx, [updated], s.collection, `退回：${f.reason}`)
    await wakeBoard(tx, [s.collection.createdById])
    await recordAudit(tx, { actor, action: f.approve ? 'reporting.approve' : 'reporting.send_back', objectType: 'ReportSubmission', objectId: id, details: f.approve ? {} : { reason: f.reason }, context })
    return { revision: updated.revision, status: updated.status }
  })
}

/** 重新打开: the collecting office sends a submitted report back to its unit, with a reason. */
export async function reopenSubmission(db: Db, actor: Actor, id: string, input: z.input<typeof reopenInput>, context: RequestContext) {
  const f = reopenInput.parse(input)
  return db.$transaction(async (tx) => {
    const s = await loadSubmission(tx, actor, id, { forUpdate: true, revision: f.revision })
    if (!s.isOffice) throw new AppError('not_found')
    if (s.status !== 'SUBMITTED') throw new AppError('reporting.not_submitted')
    const updated = await tx.reportSubmission.update({ where: { id }, data: { status: 'RETURNED', returnReason: f.reason, submittedAt: null, round: { increment: 1 }, revision: { increment: 1 } } })
    await giveFillWork(tx, [updated], s.collection, `重新打开：${f.reason}`)
    await wakeBoard(tx, [s.collection.createdById])
    await recordAudit(tx, { actor, action: 'reporting.reopen', objectType: 'ReportSubmission', objectId: id, details: { reason: f.reason }, context })
    return { revision: updated.revision }
  })
}
