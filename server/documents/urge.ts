import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, hours } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { queueMail } from '../mail/index.ts'
import { preferencesOf, quietEndsAt } from '../preferences/index.ts'
import { recordEvent, stepsOf, URGE_OBJECT_TYPE } from './engine.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'

/**
 * 催办: the people still to act at the current step are reminded, each by a 待阅 item and a mail. The
 * drafter, the registry or whoever sent the document to its step urges by hand, at most once an hour
 * per document (an automatic urge counts); a task past its time limit is urged once automatically by
 * the overdue sweep. The items go when the task ends.
 */
export const URGE_INTERVAL_MS = hours(1)
const SYSTEM_CONTEXT: RequestContext = { requestId: 'document.urge-overdue', ip: null, userAgent: null }

export const urgeInput = z.object({ message: z.string().trim().max(500).default('') })
export type UrgeInput = z.input<typeof urgeInput>

type UrgedDocument = { id: string; title: string; urgency: 'NORMAL' | 'URGENT' | 'EXTRA_URGENT'; unitId: string; stepIndex: number | null; workflow: unknown }
type UrgedTask = { id: string; assigneeId: string; dueAt: Date | null }

/** Who sent the document to its current step: the actor of the last move. */
export async function moverOf(db: Db | Tx, documentId: string): Promise<string | null> {
  const move = await db.documentEvent.findFirst({
    where: { documentId, action: { in: ['SUBMITTED', 'ADVANCED', 'SENT_BACK', 'WITHDRAWN'] } },
    orderBy: { id: 'desc' }, select: { actorId: true },
  })
  return move?.actorId ?? null
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Remind the assignees of these tasks (and whoever stands in for them now), in the caller's transaction. */
async function urge(tx: Tx, doc: UrgedDocument, actor: Actor | null, tasks: UrgedTask[], message: string) {
  const now = clock.now()
  const step = stepsOf(doc)[doc.stepIndex ?? -1]
  const assignees = [...new Set(tasks.map((t) => t.assigneeId))]
  const delegations = await tx.delegation.findMany({
    where: { personId: { in: assignees }, revokedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { personId: true, deputyId: true },
  })
  const people = await tx.person.findMany({
    where: { id: { in: [...assignees, ...delegations.map((d) => d.deputyId)] }, isActive: true },
    select: { id: true, name: true, email: true },
  })
  const active = new Set(people.map((p) => p.id))
  const urgeId = randomUUID()
  const url = `/documents/${doc.id}`
  const from = actor ? `${actor.name}催办` : '超期自动催办'
  // One item per urge and task (to the assignee and their deputies): each urge shows, and the task's
  // end clears it (closeTasks in engine.ts).
  await createInboxItems(tx, tasks.flatMap((task) => [task.assigneeId, ...delegations.filter((d) => d.personId === task.assigneeId).map((d) => d.deputyId)]
    .filter((personId) => active.has(personId))
    .map((personId) => ({
      personId, kind: 'TO_READ' as const, module: 'document', objectType: URGE_OBJECT_TYPE, objectId: `${urgeId}:${task.id}`,
      title: `催办：${doc.title}`, source: step ? `${from} · ${step.name}` : from, url, urgency: doc.urgency, dueAt: task.dueAt, unitId: doc.unitId,
    }))))

  const preferences = await preferencesOf(tx, people.map((p) => p.id))
  const link = `${config().PUBLIC_URL.replace(/\/$/, '')}${url}`
  const why = actor ? `${actor.name} 催办公文` : '以下公文已超过办理时限'
  const note = message ? `\n\n${actor?.name ?? ''}：${message}` : ''
  await queueMail(tx, people.flatMap((p) => {
    const pref = preferences.get(p.id)
    if (!p.email || !pref?.emailEnabled) return []
    return [{
      to: p.email, toPersonId: p.id, subject: `【催办】${doc.title}`,
      text: `${why}${step ? `（当前环节：${step.name}）` : ''}，请尽快办理：\n\n${doc.title}${note}\n\n${link}\n\n——协同 政务协同办公平台`,
      html: `<p>${escapeHtml(why)}${step ? `（当前环节：${escapeHtml(step.name)}）` : ''}，请尽快办理：</p><h2>${escapeHtml(doc.title)}</h2>${message ? `<p style="white-space:pre-wrap">${escapeHtml(note.trim())}</p>` : ''}<p><a href="${link}">打开公文</a></p><p style="color:#666">协同 政务协同办公平台</p>`,
      // Urgent documents go at once; a normal one waits for the end of the person's quiet hours.
      notBefore: doc.urgency === 'NORMAL' ? quietEndsAt(pref, now) : null,
    }]
  }))
  const to = people.map((p) => p.name).join('、')
  await recordEvent(tx, doc, actor, 'URGED', step?.name ?? null, {
    urgeId, to, personIds: people.map((p) => p.id), taskIds: tasks.map((t) => t.id), automatic: !actor, ...(message ? { message } : {}),
  })
  return { urgeId, personIds: people.map((p) => p.id) }
}

/** Urge the people still to act at the document's current step. */
export async function urgeDocument(db: Db, actor: Actor, id: string, input: UrgeInput, context: RequestContext) {
  const fields = urgeInput.parse(input)
  return db.$transaction(async (tx) => {
    // The row lock serialises urges of one document, so the hourly limit holds when two press at once.
    const { doc } = await loadDocument(tx, actor, id, { forUpdate: true })
    if (doc.status !== 'IN_PROGRESS') throw new AppError('document.nothing_to_urge')
    if (!documentPolicy.mayUrge(actor, doc, await moverOf(tx, id))) throw new AppError('document.cannot_urge')
    const pending = doc.tasks.filter((t) => t.stepIndex === doc.stepIndex && t.status === 'PENDING')
    if (pending.length === 0) throw new AppError('document.nothing_to_urge')
    const last = await tx.documentEvent.findFirst({ where: { documentId: id, action: 'URGED' }, orderBy: { id: 'desc' }, select: { at: true } })
    if (last && clock.now().getTime() - last.at.getTime() < URGE_INTERVAL_MS) {
      throw new AppError('document.urged_recently', { at: new Date(last.at.getTime() + URGE_INTERVAL_MS) })
    }
    const urged = await urge(tx, doc, actor, pending, fields.message)
    await recordAudit(tx, { actor, action: 'document.urge', objectType: 'Document', objectId: id, details: { urgeId: urged.urgeId, personIds: urged.personIds, message: fields.message || undefined }, context })
    return { urged: urged.personIds.length }
  })
}

/**
 * The overdue sweep: every pending task past its time limit that was not urged automatically yet is
 * urged now, once, grouped by document. Returns whom it urged, for the mail worker and logs.
 */
export async function urgeOverdueTasks(db: Db, limit = 500): Promise<{ documentId: string; personIds: string[] }[]> {
  const now = clock.now()
  const due = await db.$queryRaw<{ documentId: string }[]>`
    SELECT DISTINCT "documentId" FROM "DocumentTask"
     WHERE status = 'PENDING' AND "dueAt" <= ${now} AND "autoUrgedAt" IS NULL
     LIMIT ${limit}`
  const results: { documentId: string; personIds: string[] }[] = []
  for (const { documentId } of due) {
    const urged = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Document" WHERE id = ${documentId}::uuid FOR UPDATE`
      const doc = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, title: true, urgency: true, unitId: true, stepIndex: true, workflow: true, status: true } })
      // Under the lock, so a task acted on (or urged by another sweep) meanwhile drops out.
      const tasks = await tx.documentTask.findMany({
        where: { documentId, status: 'PENDING', dueAt: { lte: now }, autoUrgedAt: null },
        select: { id: true, assigneeId: true, dueAt: true, stepIndex: true },
      })
      if (tasks.length === 0) return null
      await tx.documentTask.updateMany({ where: { id: { in: tasks.map((t) => t.id) } }, data: { autoUrgedAt: now } })
      const current = tasks.filter((t) => doc.status === 'IN_PROGRESS' && t.stepIndex === doc.stepIndex)
      if (current.length === 0) return null
      const result = await urge(tx, doc, null, current, '')
      await recordAudit(tx, { actor: null, action: 'document.urge_overdue', objectType: 'Document', objectId: documentId, details: { urgeId: result.urgeId, personIds: result.personIds, taskIds: current.map((t) => t.id) }, context: SYSTEM_CONTEXT })
      return { documentId, personIds: result.personIds }
    })
    if (urged) results.push(urged)
  }
  return results
}
