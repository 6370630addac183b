import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { stepsOf } from './engine.ts'
import { previewFor } from './preview-next-step.ts'
import { freezeOf } from './freeze.ts'

/**
 * Everything the document page shows: metadata, where it is on its workflow, who must act, the
 * opinions in order (the processing sheet), the timeline, and what the viewer may do now.
 */
export async function getDocument(db: Db, actor: Actor, id: string) {
  const { doc, standing } = await loadDocument(db, actor, id)
  const [opinions, events, people, attachments, distributions, units, freeze] = await Promise.all([
    db.documentOpinion.findMany({ where: { documentId: id }, orderBy: { createdAt: 'asc' } }),
    db.documentEvent.findMany({ where: { documentId: id }, orderBy: { id: 'asc' } }),
    db.person.findMany({ where: { id: { in: [...new Set([...doc.tasks.flatMap((t) => [t.assigneeId, t.actedById ?? t.assigneeId]), ...doc.collaboratorIds, ...doc.readers.map((r) => r.personId)])] } }, select: { id: true, name: true } }),
    db.documentAttachment.findMany({ where: { documentId: id }, select: { id: true, fileName: true, size: true, contentType: true, notEmbeddable: true, createdAt: true }, orderBy: { createdAt: 'asc' } }),
    db.documentDistribution.findMany({ where: { documentId: id }, orderBy: { sentAt: 'asc' } }),
    db.unit.findMany({ where: { id: { in: doc.tasks.map((t) => t.unitId).filter((u): u is string => !!u) } }, select: { id: true, name: true } }),
    freezeOf(db, doc),
  ])
  const name = new Map(people.map((p) => [p.id, p.name]))
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const recipientUnits = await db.unit.findMany({ where: { id: { in: distributions.map((d) => d.recipientUnitId) } }, select: { id: true, name: true } })
  const recipientName = new Map(recipientUnits.map((u) => [u.id, u.name]))
  const steps = stepsOf(doc)
  // Withdraw (撤回) is offered to whoever made the last forward move, until someone at the new step acts.
  const lastMove = [...events].reverse().find((e) => ['SUBMITTED', 'ADVANCED', 'SENT_BACK', 'WITHDRAWN'].includes(e.action))
  const mayWithdraw = doc.status === 'IN_PROGRESS' && !!lastMove && lastMove.actorId === actor.personId && ['SUBMITTED', 'ADVANCED'].includes(lastMove.action) &&
    !doc.tasks.some((t) => t.stepIndex === doc.stepIndex && t.status === 'DONE' && t.actedAt && t.actedAt >= lastMove.at)
  const actionable = documentPolicy.actionableTasks(actor, doc, standing)
  const isRegistry = documentPolicy.isRegistry(actor, doc.organ)
  // Where acting now leads, with nothing chosen yet: the same preview the confirmation asks the server for.
  const nextStep = actionable.length ? await previewFor(db, actor, doc, standing) : null
  return {
    ...doc,
    steps,
    /** What its signatures cover: open, signed (body and attachments final), sealed (nothing changes). */
    freeze,
    currentStep: doc.stepIndex === null ? null : (steps[doc.stepIndex] ?? null),
    tasks: doc.tasks.map((t) => ({ ...t, assigneeName: name.get(t.assigneeId) ?? '', actedByName: t.actedById ? (name.get(t.actedById) ?? '') : null, unitName: t.unitId ? (unitName.get(t.unitId) ?? '') : null })),
    collaborators: doc.collaboratorIds.map((id) => ({ id, name: name.get(id) ?? '' })),
    readers: doc.readers.map((r) => ({ ...r, name: name.get(r.personId) ?? '' })),
    opinions,
    events,
    attachments,
    distributions: distributions.map((d) => ({ ...d, recipientName: recipientName.get(d.recipientUnitId) ?? '' })),
    /** Received by exchange: the body and attachments are the sender's, kept as they came. */
    isReceived: !!doc.arrivedByDistributionId,
    viewer: {
      nextStep,
      actionableTaskIds: actionable.map((t) => t.id),
      mayEditDraft: documentPolicy.mayEditDraft(actor, doc),
      mayManageDraft: documentPolicy.mayManageDraft(actor, doc),
      mayEditBody: documentPolicy.mayEditBody(actor, doc, standing),
      isRegistry,
      mayWithdraw,
      mayManageAttachments: documentPolicy.mayManageAttachments(actor, doc),
      mayUrge: documentPolicy.mayUrge(actor, doc, lastMove?.actorId ?? null) && doc.tasks.some((t) => t.stepIndex === doc.stepIndex && t.status === 'PENDING'),
      actsFor: actionable.filter((t) => t.assigneeId !== actor.personId).map((t) => name.get(t.assigneeId) ?? ''),
    },
  }
}

export type DocumentView = Awaited<ReturnType<typeof getDocument>>
