import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, hours } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { createInboxItems, completeInboxItems } from '../inbox/index.ts'
import { createVersion, loadDocument as loadBody, readContent, type ContentNode } from '../coediting/index.ts'
import { bodyDocName } from './kinds.ts'
import { assertChoosableUnits } from './choosable-units.ts'
import type { LoadedDocument } from './load-document.ts'
import type { WorkflowStep } from './workflow.ts'

/**
 * The workflow engine: entering a step creates one task per participant (and their 待办); leaving it
 * clears them. Callers hold the document's row lock and record the audit entry.
 */

export type Participant = { personId: string; unitId?: string | null }

export const stepsOf = (doc: { workflow: unknown }): WorkflowStep[] => (doc.workflow as WorkflowStep[] | null) ?? []

/** The unit and its ancestors, nearest first (paths are "/root/…/unit/"). */
const lineage = (path: string) => path.split('/').filter(Boolean).reverse()

/** What the unit rules read of a document. */
type ForUnitRules = Pick<LoadedDocument, 'direction' | 'organId' | 'createdById'> & { unit: { id: string; path: string }; organ: { path: string } }

/**
 * The unit whose head and leader in charge act on the document (拟办, 批办; 核稿, 签发 for outgoing).
 * Outgoing: the drafter's unit. Incoming: the unit it was addressed to, unless that is the whole
 * organisation (东平区人民政府): then the registry's office, where its registrant (登记人) holds a post,
 * or else the organisation's 办公室/办公厅 — never the organisation itself, whose head is its leader.
 */
export async function handlingUnit(db: Db | Tx, doc: ForUnitRules): Promise<{ id: string; path: string }> {
  if (doc.direction !== 'INCOMING' || doc.unit.id !== doc.organId) return doc.unit
  const posts = await db.post.findMany({ where: { personId: doc.createdById, unit: { isActive: true, path: { startsWith: doc.organ.path } } }, select: { unit: { select: { id: true, path: true } } }, orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }] })
  const own = posts.find((p) => p.unit.id !== doc.organId)
  if (own) return own.unit
  const office = await db.unit.findFirst({ where: { parentId: doc.organId, isActive: true, OR: [{ name: { endsWith: '办公室' } }, { name: { endsWith: '办公厅' } }] }, select: { id: true, path: true }, orderBy: { sortOrder: 'asc' } })
  return office ?? doc.unit
}

/** Who acts at a step under its rule. `chosen` are the people (or unit heads) the previous actor picked. */
export async function resolveParticipants(tx: Db | Tx, doc: LoadedDocument, step: WorkflowStep, chosen: Participant[]): Promise<Participant[]> {
  const rule = step.assignee
  switch (rule.kind) {
    case 'PERSON':
      return [{ personId: rule.personId }]
    case 'CHOSEN':
      return chosen
    case 'DRAFTER_DIVISION_HEAD': {
      const unit = await handlingUnit(tx, doc)
      const heads = await tx.post.findMany({ where: { unitId: unit.id, leaderRank: 'PRINCIPAL', person: { isActive: true } }, select: { personId: true }, orderBy: { sortOrder: 'asc' } })
      if (heads.length === 0) throw new AppError('document.no_participant', { step: step.name })
      return heads.slice(0, 1).map((h) => ({ personId: h.personId }))
    }
    case 'LEADER_IN_CHARGE': {
      for (const unitId of lineage((await handlingUnit(tx, doc)).path)) {
        const charges = await tx.leaderCharge.findMany({ where: { unitId, person: { isActive: true } }, select: { personId: true } })
        if (charges.length) return charges.slice(0, 1).map((c) => ({ personId: c.personId }))
      }
      throw new AppError('document.no_participant', { step: step.name })
    }
    case 'REGISTRY':
    case 'ROLE': {
      const scopeUnit = rule.kind === 'ROLE' && rule.unitId ? await tx.unit.findUnique({ where: { id: rule.unitId }, select: { path: true } }) : doc.organ
      if (!scopeUnit) throw new AppError('document.no_participant', { step: step.name })
      const ancestors = lineage(scopeUnit.path)
      const grants = await tx.roleGrant.findMany({
        where: {
          person: { isActive: true },
          role: rule.kind === 'ROLE' ? { key: rule.roleKey } : { permissions: { has: 'document.register' } },
          OR: [{ unitId: { in: ancestors }, includesSubunits: true }, { unit: { path: scopeUnit.path } }],
        },
        select: { personId: true },
      })
      const people = [...new Set(grants.map((g) => g.personId))]
      if (people.length === 0) throw new AppError('document.no_participant', { step: step.name })
      return people.map((personId) => ({ personId }))
    }
  }
}

/** The principal of each unit, for steps addressed to units (会签, 承办). */
export async function unitHeads(tx: Tx, unitIds: string[]): Promise<Participant[]> {
  const out: Participant[] = []
  for (const unitId of unitIds) {
    const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, isActive: true } })
    if (!unit?.isActive) throw new AppError('not_found')
    const head = await tx.post.findFirst({ where: { unitId, leaderRank: 'PRINCIPAL', person: { isActive: true } }, select: { personId: true }, orderBy: { sortOrder: 'asc' } })
    if (!head) throw new AppError('document.unit_has_no_head', { unit: unit.name })
    out.push({ personId: head.personId, unitId })
  }
  return out
}

/** 传阅 is for reading (待阅); every other step asks the person to act (待办). */
export function inboxKindOf(step: { type: string }): 'TODO' | 'TO_READ' {
  return step.type === 'CIRCULATE' ? 'TO_READ' : 'TODO'
}

/** Create tasks and 待办 (待阅 for 传阅) for participants of the document's current step. */
export async function createTasks(tx: Tx, doc: LoadedDocument, stepIndex: number, participants: Participant[], createdById: string | null) {
  const step = stepsOf(doc)[stepIndex]!
  const now = clock.now()
  const dueAt = step.timeLimitHours ? new Date(now.getTime() + hours(step.timeLimitHours)) : null
  const unique = [...new Map(participants.map((p) => [`${p.personId}:${p.unitId ?? ''}`, p])).values()]
  const tasks = []
  for (const p of unique) {
    tasks.push(await tx.documentTask.create({ data: { documentId: doc.id, stepIndex, assigneeId: p.personId, unitId: p.unitId ?? null, createdById, dueAt, createdAt: now } }))
  }
  // A deputy under a delegation gets the 待办 too, and may act for the assignee.
  const delegations = await tx.delegation.findMany({
    where: { personId: { in: unique.map((p) => p.personId) }, revokedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { personId: true, deputyId: true },
  })
  await createInboxItems(tx, tasks.flatMap((task) => [task.assigneeId, ...delegations.filter((d) => d.personId === task.assigneeId).map((d) => d.deputyId)].map((personId) => ({
    personId, kind: inboxKindOf(step), module: 'document', objectType: 'DocumentTask', objectId: task.id,
    title: doc.title, source: `${step.name} · ${doc.unit.name}`, url: `/documents/${doc.id}`, urgency: doc.urgency, dueAt, unitId: doc.unitId,
  }))))
  return tasks
}

/** The inbox items of 催办 (urge.ts), one per urge and task. */
export const URGE_OBJECT_TYPE = 'DocumentUrge'

/** Close tasks (and their 待办, and any 催办 about them) with a final status. */
export async function closeTasks(tx: Tx, tasks: { id: string }[], status: 'DONE' | 'SENT_BACK' | 'WITHDRAWN' | 'TRANSFERRED' | 'CANCELLED', actedById?: string) {
  if (tasks.length === 0) return
  const now = clock.now()
  await tx.documentTask.updateMany({
    where: { id: { in: tasks.map((t) => t.id) }, status: 'PENDING' },
    data: { status, ...(status === 'DONE' ? { actedAt: now, actedById } : {}) },
  })
  for (const t of tasks) await completeInboxItems(tx, { objectType: 'DocumentTask', objectId: t.id }, status === 'DONE' ? 'DONE' : 'CANCELLED')
  // 催办 items about these tasks (urge.ts: one per urge and task) go with them.
  const urged = await tx.$queryRaw<{ objectId: string }[]>`
    SELECT (e.details->>'urgeId') || ':' || t.id AS "objectId"
      FROM "DocumentTask" t JOIN "DocumentEvent" e ON e."documentId" = t."documentId" AND e.action = 'URGED'
     WHERE t.id = ANY(${tasks.map((t) => t.id)}::uuid[]) AND e.details->'taskIds' @> to_jsonb(t.id::text)`
  for (const u of urged) await completeInboxItems(tx, { objectType: URGE_OBJECT_TYPE, objectId: u.objectId }, status === 'DONE' ? 'DONE' : 'CANCELLED')
}

/**
 * Move the document to step `index` (or past the last one: completed). An optional step with nobody
 * chosen is skipped. A named version of the body is saved at every move, so each step's edits show.
 */
export async function enterStep(tx: Tx, doc: LoadedDocument, index: number, actor: Actor, chosen: Participant[], versionName: string) {
  const steps = stepsOf(doc)
  let target = index
  while (target < steps.length && steps[target]!.optional && steps[target]!.assignee.kind === 'CHOSEN' && chosen.length === 0) target++
  await createVersion(tx, { docName: bodyDocName(doc.id), name: versionName, kind: 'STEP', personId: actor.personId })
  // The body is edited live, outside transitions; every move takes its text into search.
  await refreshSearchText(tx, doc.id, await readBodyText(tx, doc.id))
  if (target >= steps.length) {
    await tx.document.update({ where: { id: doc.id }, data: { status: 'COMPLETED', stepIndex: null, revision: { increment: 1 } } })
    return null
  }
  if (steps[target]!.assignee.kind === 'CHOSEN') await assertChoosableUnits(tx, doc, steps[target], chosen.flatMap((p) => (p.unitId ? [p.unitId] : [])))
  const participants = await resolveParticipants(tx, doc, steps[target]!, steps[target]!.assignee.kind === 'CHOSEN' ? chosen : [])
  if (participants.length === 0) throw new AppError('document.choose_participants', { step: steps[target]!.name })
  await tx.document.update({ where: { id: doc.id }, data: { status: 'IN_PROGRESS', stepIndex: target, revision: { increment: 1 } } })
  const updated = { ...doc, stepIndex: target }
  await createTasks(tx, updated, target, participants, actor.personId)
  if (steps[target]!.type === 'CIRCULATE') {
    await tx.documentReader.createMany({ data: participants.map((p) => ({ documentId: doc.id, personId: p.personId, sentById: actor.personId, sentAt: clock.now() })), skipDuplicates: true })
  }
  return steps[target]!
}

export async function recordEvent(tx: Tx, doc: { id: string }, actor: Actor | null, action: string, stepName: string | null, details?: Record<string, unknown>) {
  await tx.documentEvent.create({ data: { documentId: doc.id, at: clock.now(), actorId: actor?.personId ?? null, actorName: actor?.name ?? null, action, stepName, details: details as object | undefined } })
}

const BODY_SEPARATOR = '\n\u001e\n'

/** Search needs no more of a body than this (a long report is some 30,000 characters). */
const MAX_BODY_TEXT = 100_000

/** The lines of a body: each block's text on a line of its own. */
function linesOf(nodes: ContentNode[], lines: string[] = []): string[] {
  let run = ''
  for (const node of nodes) {
    if (node.type === 'text') {
      run += node.text
    } else {
      if (run) lines.push(run)
      run = ''
      linesOf(node.children, lines)
    }
  }
  if (run) lines.push(run)
  return lines
}

/** The plain text of a document's body as stored now (co-edited: `document:<id>`). */
export async function readBodyText(tx: Tx, documentId: string): Promise<string> {
  const body = await loadBody(tx, bodyDocName(documentId))
  try {
    return linesOf(readContent(body)).join('\n').slice(0, MAX_BODY_TEXT)
  } finally {
    body.destroy()
  }
}

/**
 * Search compares folded text: NFKC (full-width letters and digits as ASCII: ｗｐｓ, １２３４５) and
 * lower case, applied to the stored column and to every query, so a plain LIKE finds it. LIKE is
 * three times faster than ILIKE here (ILIKE lower-cases every row it reads, in UTF-8).
 */
export const searchKey = (text: string) => text.normalize('NFKC').toLowerCase()

/** Opinions, title, number and body text feed the search column. Without `bodyText`, the body part is kept. */
export async function refreshSearchText(tx: Tx, documentId: string, bodyText?: string) {
  const doc = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true, number: true, senderNumber: true, senderOrgan: true, searchText: true, opinions: { select: { text: true }, orderBy: { createdAt: 'asc' } } } })
  const previousBody = doc.searchText.split(BODY_SEPARATOR)[1] ?? ''
  const head = [doc.title, doc.number, doc.senderNumber, doc.senderOrgan, ...doc.opinions.map((o) => o.text)].filter(Boolean).join('\n')
  const searchText = searchKey(`${head}${BODY_SEPARATOR}${bodyText ?? previousBody}`)
  // Unchanged text is not written again: every write re-indexes all of its trigrams.
  if (searchText !== doc.searchText) await tx.document.update({ where: { id: documentId }, data: { searchText } })
}

