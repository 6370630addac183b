import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { closeTasks, createTasks, enterStep, recordEvent, refreshSearchText, resolveParticipants, stepsOf, unitHeads, type Participant } from './engine.ts'
import { upwardKinds } from './kinds.ts'
import { assertChoosableUnits } from './choosable-units.ts'
import { recordSignedOffRendition } from './render-document.ts'
import { loadDocument, type LoadedDocument } from './load-document.ts'
import { documentPolicy, type Standing } from './policy.ts'
import { assertNotFrozen } from './freeze.ts'
import { workflowSteps, type WorkflowStep } from './workflow.ts'
import { actInput, addParticipantInput, sendBackInput, submitInput, transferInput, type ActInput, type AddParticipantInput, type SendBackInput, type SubmitInput, type TransferInput } from './transition-schemas.ts'

/**
 * Every transition: one transaction that locks the document, checks the revision the actor's page
 * showed (a stale page cannot act twice), checks the actor may act, changes state, writes the timeline
 * and the audit entry. Two people acting on one step at once: the second waits for the lock, then sees
 * the new revision and gets a clear message.
 */
async function transition<T>(db: Db, actor: Actor, id: string, revision: number, run: (tx: Tx, doc: LoadedDocument, standing: Standing) => Promise<T>, options: { ownTaskStillPending?: boolean } = {}) {
  return db.$transaction(async (tx) => {
    const { doc, standing } = await loadDocument(tx, actor, id, { forUpdate: true })
    // At a parallel step every colleague's signature moves the revision on; what the page showed is
    // still true for someone whose own task there is pending, so they may act on it.
    const stillMine = options.ownTaskStillPending && documentPolicy.actionableTasks(actor, doc, standing).length > 0
    if (doc.revision !== revision && !stillMine) throw new AppError('document.stale')
    return run(tx, doc, standing)
  })
}

/** Steps opinions are required at. */
const needsOpinion = new Set(['REVIEW', 'COUNTERSIGN', 'SIGN_OFF', 'PROPOSE', 'INSTRUCT'])

/** Steps completed by a registry action of their own, not by "pass on". */
const completedByAction: Record<string, string> = { NUMBER: 'document.number_first', SEAL: 'document.seal_first', DISTRIBUTE: 'document.distribute_first' }

/** Who the next CHOSEN step goes to: heads of the chosen units, or the chosen people. */
async function chosenFor(tx: Tx, step: WorkflowStep | undefined, input: { unitIds?: string[]; personIds?: string[] }): Promise<Participant[]> {
  if (!step || step.assignee.kind !== 'CHOSEN') return []
  if (step.type === 'CIRCULATE' || !input.unitIds?.length) {
    const ids = [...new Set(input.personIds ?? [])]
    const people = await tx.person.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true } })
    if (people.length !== ids.length) throw new AppError('not_found')
    return ids.map((personId) => ({ personId }))
  }
  return unitHeads(tx, [...new Set(input.unitIds)])
}

/** The template for a document: the most specific active one for its direction, kind and unit. */
export async function templateFor(tx: Tx, doc: LoadedDocument) {
  const templates = await tx.workflowTemplate.findMany({ where: { direction: doc.direction, isActive: true }, orderBy: { createdAt: 'asc' } })
  const unitIds = doc.unit.path.split('/').filter(Boolean)
  const fitting = templates
    .filter((t) => (t.kinds.length === 0 || t.kinds.includes(doc.kind)) && (t.unitId === null || unitIds.includes(t.unitId)))
    .sort((a, b) => (b.unitId ? unitIds.indexOf(b.unitId) + 1 : 0) - (a.unitId ? unitIds.indexOf(a.unitId) + 1 : 0) || b.kinds.length - a.kinds.length)
  if (!fitting[0]) throw new AppError('document.no_template')
  return fitting[0]
}

/** The drafter sends the draft on its workflow (or back on it, after it was returned). */
export async function submitDocument(db: Db, actor: Actor, id: string, input: SubmitInput, context: RequestContext) {
  const fields = submitInput.parse(input)
  return transition(db, actor, id, fields.revision, (tx, doc) => submitLoaded(tx, actor, doc, fields, context))
}

/**
 * Submit a document already loaded and locked in `tx` (registration starts an incoming document in
 * its own transaction: a first step nobody can take refuses the registration, never leaves it half done).
 */
export async function submitLoaded(tx: Tx, actor: Actor, doc: LoadedDocument, fields: { unitIds?: string[]; personIds?: string[] }, context: RequestContext) {
  const id = doc.id
  {
    if (!documentPolicy.mayManageDraft(actor, doc)) throw new AppError('document.not_editable')
    let steps = stepsOf(doc)
    let resumeAt = 0
    if (steps.length === 0) {
      const template = await templateFor(tx, doc)
      steps = workflowSteps.parse(template.steps)
      await tx.document.update({ where: { id }, data: { templateId: template.id, workflow: steps as object[] } })
      doc.workflow = steps
    } else {
      // Returned to the drafter: it goes again to the step that returned it.
      const back = await tx.documentEvent.findFirst({ where: { documentId: id, action: 'SENT_BACK' }, orderBy: { id: 'desc' }, select: { details: true } })
      resumeAt = (back?.details as { fromStep?: number } | null)?.fromStep ?? 0
    }
    const chosen = await chosenFor(tx, steps[resumeAt], fields)
    const entered = await enterStep(tx, doc, resumeAt, actor, chosen, '提交')
    await recordEvent(tx, doc, actor, 'SUBMITTED', entered?.name ?? null, { toStep: resumeAt })
    await recordAudit(tx, { actor, action: 'document.submit', objectType: 'Document', objectId: id, details: { step: entered?.name }, context })
    return { step: entered?.name ?? null }
  }
}

/** Approve and pass on (同意/已阅/办理完毕): the actor's task is done; when the step is, the next begins. */
export async function actOnDocument(db: Db, actor: Actor, id: string, input: ActInput, context: RequestContext) {
  const fields = actInput.parse(input)
  let signedOff = false
  const result = await transition(db, actor, id, fields.revision, async (tx, doc, standing) => {
    const steps = stepsOf(doc)
    const step = steps[doc.stepIndex ?? -1]
    const mine = documentPolicy.actionableTasks(actor, doc, standing)
    const task = fields.taskId ? mine.find((t) => t.id === fields.taskId) : (mine.find((t) => t.assigneeId === actor.personId) ?? mine[0])
    if (!step || !task) throw new AppError('document.not_your_turn')
    if (completedByAction[step.type]) throw new AppError(completedByAction[step.type] as 'document.number_first')
    if (needsOpinion.has(step.type) && !fields.opinion) throw new AppError('document.opinion_required')
    await finishTask(tx, actor, doc, step, task, fields.opinion ?? null)
    const next = await afterTask(tx, actor, doc, step, fields)
    signedOff = step.type === 'SIGN_OFF' && next !== step
    if (step.type === 'ARCHIVE' && !next) {
      await tx.document.update({ where: { id }, data: { status: 'ARCHIVED', archivedAt: clock.now(), retentionYears: fields.retentionYears } })
      await recordEvent(tx, doc, actor, 'ARCHIVED', step.name, { retentionYears: fields.retentionYears })
    }
    await recordAudit(tx, { actor, action: 'document.act', objectType: 'Document', objectId: id, details: { step: step.name, taskId: task.id, next: next?.name ?? null }, context })
    return { next: next?.name ?? null }
  }, { ownTaskStillPending: true })
  // The PDF as signed off, once the sign-off has committed (rendering is too slow to hold the lock).
  if (signedOff) await recordSignedOffRendition(db, actor, id)
  return result
}

/** Mark one task done with the actor's opinion; used by every action that completes a step. */
export async function finishTask(tx: Tx, actor: Actor, doc: LoadedDocument, step: WorkflowStep, task: { id: string; assigneeId: string }, opinion: string | null) {
  await closeTasks(tx, [task], 'DONE', actor.personId)
  doc.tasks = doc.tasks.map((t) => (t.id === task.id ? { ...t, status: 'DONE', actedById: actor.personId } : t))
  if (opinion) {
    const onBehalfOf = task.assigneeId !== actor.personId ? await tx.person.findUnique({ where: { id: task.assigneeId }, select: { name: true } }) : null
    await tx.documentOpinion.create({ data: { documentId: doc.id, taskId: task.id, stepIndex: doc.stepIndex!, stepName: step.name, personId: actor.personId, personName: actor.name, onBehalfOfName: onBehalfOf?.name ?? null, text: opinion, createdAt: clock.now() } })
    await refreshSearchText(tx, doc.id)
  }
  if (step.type === 'CIRCULATE') {
    await tx.documentReader.updateMany({ where: { documentId: doc.id, personId: task.assigneeId, readAt: null }, data: { readAt: clock.now() } })
  }
  if (step.type === 'SIGN_OFF') {
    await tx.document.update({ where: { id: doc.id }, data: { signedOffAt: clock.now(), signedOffById: actor.personId, ...(upwardKinds.has(doc.kind) && !doc.signerName ? { signerName: actor.name } : {}) } })
  }
  await recordEvent(tx, doc, actor, 'APPROVED', step.name, { taskId: task.id, fromStep: doc.stepIndex })
}

/** After a task: if the step is complete (all, or any one), cancel what is left and enter the next. */
export async function afterTask(tx: Tx, actor: Actor, doc: LoadedDocument, step: WorkflowStep, input: { unitIds?: string[]; personIds?: string[] }) {
  const pending = doc.tasks.filter((t) => t.stepIndex === doc.stepIndex && t.status === 'PENDING')
  if (step.completion === 'ALL' && pending.length > 0) {
    await tx.document.update({ where: { id: doc.id }, data: { revision: { increment: 1 } } })
    return step
  }
  await closeTasks(tx, pending, 'CANCELLED')
  const steps = stepsOf(doc)
  const nextIndex = doc.stepIndex! + 1
  const chosen = await chosenFor(tx, steps[nextIndex], input)
  const entered = await enterStep(tx, doc, nextIndex, actor, chosen, `${step.name}后`)
  const after = await tx.document.findUniqueOrThrow({ where: { id: doc.id }, select: { stepIndex: true } })
  await recordEvent(tx, doc, actor, 'ADVANCED', entered?.name ?? null, { fromStep: doc.stepIndex, toStep: after.stepIndex })
  return entered
}

/**
 * Going back to the sign-off step or before it (退回, 撤回) voids the sign-off: the text may change
 * again and must be signed again before it is numbered and sealed (the earlier rendition stays).
 */
async function voidSignOffIfBefore(tx: Tx, doc: LoadedDocument, toStep: number) {
  if (!doc.signedOffAt) return
  const signOff = stepsOf(doc).findLastIndex((s) => s.type === 'SIGN_OFF')
  if (signOff >= 0 && toStep <= signOff) await tx.document.update({ where: { id: doc.id }, data: { signedOffAt: null, signedOffById: null } })
}

/**
 * Send back (退回) to any earlier step, or to the drafter, with a reason. The current step's tasks end;
 * the earlier step's participants (who acted there last time) get it again.
 */
export async function sendBackDocument(db: Db, actor: Actor, id: string, input: SendBackInput, context: RequestContext) {
  const fields = sendBackInput.parse(input)
  return transition(db, actor, id, fields.revision, async (tx, doc, standing) => {
    const steps = stepsOf(doc)
    const from = doc.stepIndex ?? -1
    const step = steps[from]
    const mine = documentPolicy.actionableTasks(actor, doc, standing)
    if (!step || mine.length === 0) throw new AppError('document.not_your_turn')
    if (fields.toStep >= from) throw new AppError('validation')
    await assertNotFrozen(tx, doc, 'route')
    await voidSignOffIfBefore(tx, doc, fields.toStep)
    await closeTasks(tx, doc.tasks.filter((t) => t.stepIndex === from && t.status === 'PENDING'), 'SENT_BACK')
    await tx.documentOpinion.create({ data: { documentId: id, stepIndex: from, stepName: step.name, personId: actor.personId, personName: actor.name, text: `退回：${fields.reason}`, createdAt: clock.now() } })
    await recordEvent(tx, doc, actor, 'SENT_BACK', step.name, { fromStep: from, toStep: fields.toStep, reason: fields.reason })
    if (fields.toStep === -1) {
      await tx.document.update({ where: { id }, data: { status: 'DRAFT', stepIndex: null, revision: { increment: 1 } } })
    } else {
      const before = doc.tasks.filter((t) => t.stepIndex === fields.toStep && t.status === 'DONE')
      const participants = before.length
        ? before.map((t) => ({ personId: t.assigneeId, unitId: t.unitId }))
        : await resolveParticipants(tx, doc, steps[fields.toStep]!, [])
      await tx.document.update({ where: { id }, data: { stepIndex: fields.toStep, revision: { increment: 1 } } })
      await createTasks(tx, { ...doc, stepIndex: fields.toStep }, fields.toStep, participants, actor.personId)
    }
    await recordAudit(tx, { actor, action: 'document.send_back', objectType: 'Document', objectId: id, details: { from: step.name, to: fields.toStep, reason: fields.reason }, context })
  })
}

/**
 * Withdraw (撤回): whoever moved the document to its current step takes it back, as long as nobody at
 * that step has acted yet. The drafter's withdrawal returns it to draft.
 */
export async function withdrawDocument(db: Db, actor: Actor, id: string, input: { revision: number }, context: RequestContext) {
  const fields = submitInput.pick({ revision: true }).parse(input)
  return transition(db, actor, id, fields.revision, async (tx, doc) => {
    const current = doc.stepIndex
    if (doc.status !== 'IN_PROGRESS' || current === null) throw new AppError('document.cannot_withdraw')
    // The last move: only a forward move (submit, advance) by this actor can be withdrawn.
    const mover = await tx.documentEvent.findFirst({ where: { documentId: id, action: { in: ['SUBMITTED', 'ADVANCED', 'SENT_BACK', 'WITHDRAWN'] } }, orderBy: { id: 'desc' } })
    const moved = mover && (mover.details as { toStep?: number; fromStep?: number } | null)
    const actedHere = doc.tasks.some((t) => t.stepIndex === current && t.status === 'DONE' && mover && t.actedAt && t.actedAt >= mover.at)
    if (!mover || mover.actorId !== actor.personId || !['SUBMITTED', 'ADVANCED'].includes(mover.action) || actedHere) throw new AppError('document.cannot_withdraw')
    await assertNotFrozen(tx, doc, 'route')
    await voidSignOffIfBefore(tx, doc, mover.action === 'SUBMITTED' ? -1 : (moved?.fromStep ?? current - 1))
    await closeTasks(tx, doc.tasks.filter((t) => t.stepIndex === current && t.status === 'PENDING'), 'WITHDRAWN')
    const steps = stepsOf(doc)
    if (mover.action === 'SUBMITTED') {
      await tx.document.update({ where: { id }, data: { status: 'DRAFT', stepIndex: null, revision: { increment: 1 } } })
    } else {
      const fromStep = moved?.fromStep ?? current - 1
      await tx.documentTask.updateMany({ where: { documentId: id, stepIndex: fromStep, actedById: actor.personId, status: 'DONE' }, data: { status: 'WITHDRAWN' } })
      const own = doc.tasks.filter((t) => t.stepIndex === fromStep && t.actedById === actor.personId)
      await tx.document.update({ where: { id }, data: { stepIndex: fromStep, revision: { increment: 1 } } })
      await createTasks(tx, { ...doc, stepIndex: fromStep }, fromStep, own.length ? own.map((t) => ({ personId: t.assigneeId, unitId: t.unitId })) : [{ personId: actor.personId }], actor.personId)
    }
    await recordEvent(tx, doc, actor, 'WITHDRAWN', steps[current]?.name ?? null)
    await recordAudit(tx, { actor, action: 'document.withdraw', objectType: 'Document', objectId: id, details: { step: steps[current]?.name }, context })
  })
}

/** Transfer (转办): hand one's task at the current step to someone else, with a reason. */
export async function transferTask(db: Db, actor: Actor, id: string, input: TransferInput, context: RequestContext) {
  const fields = transferInput.parse(input)
  return transition(db, actor, id, fields.revision, async (tx, doc, standing) => {
    const task = documentPolicy.actionableTasks(actor, doc, standing).find((t) => !fields.taskId || t.id === fields.taskId)
    if (!task) throw new AppError('document.not_your_turn')
    const to = await tx.person.findUnique({ where: { id: fields.personId }, select: { id: true, name: true, isActive: true } })
    if (!to?.isActive) throw new AppError('not_found')
    if (doc.tasks.some((t) => t.stepIndex === doc.stepIndex && t.status === 'PENDING' && t.assigneeId === to.id)) throw new AppError('document.already_participant', { name: to.name })
    await closeTasks(tx, [task], 'TRANSFERRED')
    await createTasks(tx, doc, doc.stepIndex!, [{ personId: to.id, unitId: task.unitId }], actor.personId)
    await tx.document.update({ where: { id }, data: { revision: { increment: 1 } } })
    const step = stepsOf(doc)[doc.stepIndex!]!
    await recordEvent(tx, doc, actor, 'TRANSFERRED', step.name, { to: to.name, reason: fields.reason })
    await recordAudit(tx, { actor, action: 'document.transfer', objectType: 'Document', objectId: id, details: { to: to.id, reason: fields.reason }, context })
  })
}

/** Add a countersigner (加签): a participant of the current step brings in another unit or person. */
export async function addParticipant(db: Db, actor: Actor, id: string, input: AddParticipantInput, context: RequestContext) {
  const fields = addParticipantInput.parse(input)
  return transition(db, actor, id, fields.revision, async (tx, doc, standing) => {
    if (documentPolicy.actionableTasks(actor, doc, standing).length === 0) throw new AppError('document.not_your_turn')
    if (fields.unitId) await assertChoosableUnits(tx, doc, stepsOf(doc)[doc.stepIndex!], [fields.unitId])
    const participants = fields.unitId ? await unitHeads(tx, [fields.unitId]) : [{ personId: fields.personId! }]
    const p = participants[0]!
    if (doc.tasks.some((t) => t.stepIndex === doc.stepIndex && t.status === 'PENDING' && t.assigneeId === p.personId && (t.unitId ?? null) === (p.unitId ?? null))) {
      throw new AppError('document.already_participant', { name: '' })
    }
    const person = await tx.person.findUnique({ where: { id: p.personId }, select: { isActive: true, name: true } })
    if (!person?.isActive) throw new AppError('not_found')
    await createTasks(tx, doc, doc.stepIndex!, participants, actor.personId)
    await tx.document.update({ where: { id }, data: { revision: { increment: 1 } } })
    const step = stepsOf(doc)[doc.stepIndex!]!
    await recordEvent(tx, doc, actor, 'PARTICIPANT_ADDED', step.name, { name: person.name, unitId: p.unitId ?? null })
    await recordAudit(tx, { actor, action: 'document.add_participant', objectType: 'Document', objectId: id, details: { personId: p.personId, unitId: p.unitId ?? null }, context })
  })
}
