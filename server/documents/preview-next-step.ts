import { z } from 'zod'
import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { isAppError } from '../core/errors.ts'
import { resolveParticipants, stepsOf, unitHeads, type Participant } from './engine.ts'
import { freezeOf, type Freeze } from './freeze.ts'
import { loadDocument, type LoadedDocument } from './load-document.ts'
import { formatNumber, numberPrefix, yearNow } from './numbering.ts'
import { documentPolicy, type Standing } from './policy.ts'
import { templateFor } from './transitions.ts'
import { workflowSteps, type WorkflowStep } from './workflow.ts'

const ids = z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.uuid()).max(200)).optional()
export const previewInput = z.object({ unitIds: ids, personIds: ids, reservedNumberId: z.uuid().optional() })

/** A step someone may be sent back to (退回): -1 is the drafter (for incoming: registration). */
export type ReturnTarget = { toStep: number; name: string; people: string[] }

export type NextStepPreview = {
  /** What the viewer's irreversible action here is; null: nothing to do. */
  action: 'submit' | 'act' | 'number' | 'seal' | 'distribute' | null
  freeze: Freeze
  /** At a step everyone must complete: who else still has to act before it moves on. */
  waitingFor: string[]
  /** Where it goes next and to whom; null with `completes`: the document is done (办结). */
  next: { name: string; type: string; assignees: string[]; skipped: string[] } | null
  completes: boolean
  /** Why the next step cannot be entered as things stand (an error code and its parameters). */
  problem: { code: string; params?: Record<string, unknown> } | null
  /** 编号登记: the number it will get (the counter's next, unless a reserved one is chosen). */
  number: string | null
  /** 分发: the units named in 主送 and 抄送, to preselect. */
  recipients: { mainRecipients: string; copyTo: string; main: string[]; copy: string[] } | null
  returnTargets: ReturnTarget[]
}

const actionOf: Record<string, NextStepPreview['action']> = { NUMBER: 'number', SEAL: 'seal', DISTRIBUTE: 'distribute' }

/**
 * Units named in a recipients line (主送/抄送: "秘书科、区政府办公室"), by name, short name or full name.
 * Names repeat across organisations (every government has a 秘书科): of the units a name fits, the
 * one nearest the document's organisation in the tree is meant; a name that stays ambiguous is left
 * for the registry to tick.
 */
async function unitsNamed(tx: Tx | Db, organ: { path: string }, line: string): Promise<string[]> {
  const names = [...new Set(line.split(/[，,、；;\s]+/).map((s) => s.trim()).filter(Boolean))]
  if (names.length === 0) return []
  const units = await tx.unit.findMany({ where: { isActive: true, OR: [{ name: { in: names } }, { shortName: { in: names } }, { fullName: { in: names } }] }, select: { id: true, name: true, shortName: true, fullName: true, path: true } })
  const shared = (path: string) => { const a = path.split('/'); const b = organ.path.split('/'); let n = 0; while (n < a.length && a[n] === b[n]) n++; return n }
  const picked: string[] = []
  for (const name of names) {
    const fits = units.filter((u) => u.name === name || u.shortName === name || u.fullName === name)
    const best = Math.max(...fits.map((u) => shared(u.path)))
    const nearest = fits.filter((u) => shared(u.path) === best)
    if (nearest.length === 1 && !picked.includes(nearest[0]!.id)) picked.push(nearest[0]!.id)
  }
  return picked
}

async function namesOf(tx: Tx | Db, participants: Participant[]) {
  const [people, units] = await Promise.all([
    tx.person.findMany({ where: { id: { in: participants.map((p) => p.personId) } }, select: { id: true, name: true } }),
    tx.unit.findMany({ where: { id: { in: participants.map((p) => p.unitId).filter((u): u is string => !!u) } }, select: { id: true, name: true } }),
  ])
  const person = new Map(people.map((p) => [p.id, p.name]))
  const unit = new Map(units.map((u) => [u.id, u.name]))
  return participants.map((p) => `${p.unitId ? `${unit.get(p.unitId) ?? ''} ` : ''}${person.get(p.personId) ?? ''}`)
}

/** The step `index` would land on (optional steps nobody was chosen for are skipped, as `enterStep` does) and who acts there. */
async function landing(tx: Tx | Db, doc: LoadedDocument, steps: WorkflowStep[], index: number, input: z.infer<typeof previewInput>) {
  const skipped: string[] = []
  const wantsChoice = (s: WorkflowStep | undefined) => s?.assignee.kind === 'CHOSEN'
  const first = steps[index]
  let chosen: Participant[] = []
  if (wantsChoice(first)) {
    chosen = first!.type === 'CIRCULATE' || !input.unitIds?.length
      ? (input.personIds ?? []).map((personId) => ({ personId }))
      : await unitHeads(tx, [...new Set(input.unitIds)])
  }
  let target = index
  while (target < steps.length && steps[target]!.optional && wantsChoice(steps[target]) && chosen.length === 0) skipped.push(steps[target++]!.name)
  const step = steps[target]
  if (!step) return { next: null, skipped }
  const participants = await resolveParticipants(tx, doc, step, wantsChoice(step) ? chosen : [])
  if (participants.length === 0) return { next: { name: step.name, type: step.type, assignees: [], skipped }, skipped, problem: { code: 'document.choose_participants', params: { step: step.name } } }
  return { next: { name: step.name, type: step.type, assignees: await namesOf(tx, participants), skipped }, skipped }
}

/** Who was at each earlier step, for 退回: the drafter (or registrar) first, then steps that were passed. */
async function returnTargets(tx: Tx | Db, doc: LoadedDocument, steps: WorkflowStep[]): Promise<ReturnTarget[]> {
  const from = doc.stepIndex ?? -1
  const done = doc.tasks.filter((t) => t.stepIndex < from && t.status === 'DONE')
  const people = await tx.person.findMany({ where: { id: { in: [doc.createdById, ...done.map((t) => t.actedById ?? t.assigneeId)] } }, select: { id: true, name: true } })
  const name = new Map(people.map((p) => [p.id, p.name]))
  const targets: ReturnTarget[] = [{ toStep: -1, name: doc.direction === 'INCOMING' ? '登记' : '拟稿', people: [name.get(doc.createdById) ?? doc.createdBy.name] }]
  for (let i = 0; i < from; i++) {
    const at = done.filter((t) => t.stepIndex === i)
    if (at.length) targets.push({ toStep: i, name: steps[i]!.name, people: [...new Set(at.map((t) => name.get(t.actedById ?? t.assigneeId) ?? ''))] })
  }
  return targets
}

/**
 * What the viewer's next irreversible action will do, before they confirm it: the step it goes to and
 * the people there (resolved by the same rules the transition uses, with the units or people the
 * viewer has ticked), the number 编号 will issue, the units 分发 should go to, and where 退回 can go.
 * Nothing is written; it runs in a read-only transaction.
 */
export async function previewNextStep(db: Db, actor: Actor, id: string, input: z.input<typeof previewInput> = {}): Promise<NextStepPreview> {
  const fields = previewInput.parse(input)
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION READ ONLY`
    const { doc, standing } = await loadDocument(tx, actor, id)
    return previewFor(tx, actor, doc, standing, fields)
  })
}

/** The preview for a document already loaded by the caller (the document page shows it with nothing chosen yet). */
export async function previewFor(tx: Tx | Db, actor: Actor, doc: LoadedDocument, standing: Standing, fields: z.infer<typeof previewInput> = {}): Promise<NextStepPreview> {
  const freeze = await freezeOf(tx, doc)
  const empty: NextStepPreview = { action: null, freeze, waitingFor: [], next: null, completes: false, problem: null, number: null, recipients: null, returnTargets: [] }
  try {
    if (documentPolicy.mayManageDraft(actor, doc)) return { ...empty, action: 'submit', ...(await submitPreview(tx, doc, fields)) }
    const mine = documentPolicy.actionableTasks(actor, doc, standing)
    const steps = stepsOf(doc)
    const step = steps[doc.stepIndex ?? -1]
    if (!step || mine.length === 0) return empty
    const base = { ...empty, action: actionOf[step.type] ?? 'act', returnTargets: await returnTargets(tx, doc, steps) }
    return { ...base, ...(await actPreview(tx, actor, doc, standing, step, steps, fields)) }
  } catch (error) {
    if (isAppError(error)) return { ...empty, problem: { code: error.code, params: error.params as Record<string, unknown> | undefined } }
    throw error
  }
}

async function submitPreview(tx: Tx | Db, doc: LoadedDocument, fields: z.infer<typeof previewInput>) {
  let steps = stepsOf(doc)
  let resumeAt = 0
  if (steps.length === 0) {
    steps = workflowSteps.parse((await templateFor(tx, doc)).steps)
  } else {
    const back = await tx.documentEvent.findFirst({ where: { documentId: doc.id, action: 'SENT_BACK' }, orderBy: { id: 'desc' }, select: { details: true } })
    resumeAt = (back?.details as { fromStep?: number } | null)?.fromStep ?? 0
  }
  const landed = await landing(tx, { ...doc, workflow: steps }, steps, resumeAt, fields)
  return { next: landed.next, completes: !landed.next, problem: landed.problem ?? null }
}

async function actPreview(tx: Tx | Db, actor: Actor, doc: LoadedDocument, standing: Standing, step: WorkflowStep, steps: WorkflowStep[], fields: z.infer<typeof previewInput>) {
  const mine = new Set(documentPolicy.actionableTasks(actor, doc, standing).map((t) => t.id))
  const others = doc.tasks.filter((t) => t.stepIndex === doc.stepIndex && t.status === 'PENDING' && !mine.has(t.id))
  const waitingFor = step.completion === 'ALL' ? await namesOf(tx, others.map((t) => ({ personId: t.assigneeId, unitId: t.unitId }))) : []
  const landed = await landing(tx, doc, steps, doc.stepIndex! + 1, step.type === 'DISTRIBUTE' || step.type === 'NUMBER' || step.type === 'SEAL' ? {} : fields)
  let number: string | null = null
  if (step.type === 'NUMBER' && doc.organ.organCode) {
    const prefix = numberPrefix(doc.organ.organCode, doc.kind)
    const reserved = fields.reservedNumberId ? await tx.documentNumber.findFirst({ where: { id: fields.reservedNumberId, state: 'RESERVED', prefix } }) : null
    if (reserved) {
      number = formatNumber(reserved.prefix, reserved.year, reserved.sequence)
    } else {
      const year = yearNow()
      const counter = await tx.documentNumberCounter.findUnique({ where: { prefix_year: { prefix, year } }, select: { last: true } })
      number = formatNumber(prefix, year, (counter?.last ?? 0) + 1)
    }
  }
  const recipients = step.type === 'DISTRIBUTE'
    ? { mainRecipients: doc.mainRecipients, copyTo: doc.copyTo, main: await unitsNamed(tx, doc.organ, doc.mainRecipients), copy: await unitsNamed(tx, doc.organ, doc.copyTo) }
    : null
  return { waitingFor, next: landed.next, completes: !landed.next && waitingFor.length === 0, problem: landed.problem ?? null, number, recipients }
}
