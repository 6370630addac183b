import type { Db, Prisma, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, endOfShanghaiDay } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { uuidv7 } from '../directory/index.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { decisionAsSupervisionSource, linkSupervisionItem } from '../meetings/index.ts'
import { supervisionPolicy } from './policy.ts'
import { assignUnits } from './assign.ts'
import { nextReportDue } from './cycle.ts'
import { itemUrl, OBJECT_TYPE, recordEvent } from './timeline.ts'
import { createItemInput, fromInstructionInput, type CreateItemInput, type FromInstructionInput } from './schemas.ts'
import type { z } from 'zod'
import type { itemFields } from './schemas.ts'

type Fields = z.output<typeof itemFields>

/** The office unit an officer acts for: the unit of their (first) supervision.manage grant. */
export function officeUnitOf(actor: Actor): string {
  const grant = actor.grants.find((g) => g.permissions.includes('supervision.manage'))
  if (!grant) throw new AppError('forbidden')
  return grant.scopePath.split('/').filter(Boolean).at(-1)!
}

/** The columns an item's fields give (deadline as the end of that day in Asia/Shanghai). */
export function itemColumns(f: Fields, now: Date) {
  const deadline = endOfShanghaiDay(f.deadline)
  const cycleDates = f.cycleDates.map(endOfShanghaiDay)
  return {
    title: f.title, requirement: f.requirement, category: f.category, priority: f.priority, deadline,
    supervisorId: f.supervisorId ?? null, cycle: f.cycle, cycleDates,
    nextReportDueAt: nextReportDue({ cycle: f.cycle, cycleDates, deadline }, now),
  }
}

export function indicatorRows(f: Fields): Prisma.SupervisionIndicatorCreateManyItemInput[] {
  return f.indicators.map((x, i) => ({ name: x.name, measure: x.measure, baseline: x.baseline, target: x.target, targetDate: x.targetDate ? endOfShanghaiDay(x.targetDate) : null, sortOrder: i }))
}

/** 立项 by the supervision office, from any source, assigned at once to the lead unit and co-units. */
export async function createItem(db: Db, actor: Actor, input: CreateItemInput, context: RequestContext) {
  const f = createItemInput.parse(input)
  if (!supervisionPolicy.isOfficer(actor)) throw new AppError('forbidden')
  const officeUnitId = officeUnitOf(actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const id = uuidv7()
    const item = await tx.supervisionItem.create({
      data: {
        id, path: `/${id}/`, officeUnitId, createdById: actor.personId, source: f.source, sourceNumber: f.sourceNumber,
        ...itemColumns({ ...f, supervisorId: f.supervisorId ?? actor.personId }, now), status: 'IN_PROGRESS', createdAt: now,
        indicators: { createMany: { data: indicatorRows(f) } },
      },
    })
    await recordEvent(tx, id, actor.personId, 'CREATED', { source: f.source })
    await assignUnits(tx, item, f.leadUnitId, f.coUnitIds, actor.personId, `${actor.name} · 督查室`)
    await recordAudit(tx, { actor, action: 'supervision.create', objectType: OBJECT_TYPE, objectId: id, details: { title: f.title, source: f.source }, context })
    return { id }
  })
}

/**
 * The supervision office for an organisation: the nearest unit, inside the organisation or inside the
 * nearest organisation above it (a district's documents go to the city's 督查室 when the district has
 * none), where someone holds supervision.manage.
 */
async function officeFor(tx: Tx, organPath: string): Promise<string | null> {
  const grants = await tx.roleGrant.findMany({
    where: { person: { isActive: true }, role: { permissions: { has: 'supervision.manage' } } },
    select: { unit: { select: { id: true, path: true, depth: true } } },
  })
  const lineage = organPath.split('/').filter(Boolean).map((_, i, a) => `/${a.slice(0, i + 1).join('/')}/`).reverse()
  for (const path of lineage) {
    const inside = grants.filter((g) => g.unit.path.startsWith(path)).sort((a, b) => a.unit.depth - b.unit.depth)
    if (inside[0]) return inside[0].unit.id
  }
  return null
}

/** A draft item (待立项) waits in the office's inbox. */
async function draftForOffice(tx: Tx, data: Omit<Prisma.SupervisionItemUncheckedCreateInput, 'id' | 'path'>, actorId: string | null, source: string) {
  const id = uuidv7()
  const item = await tx.supervisionItem.create({ data: { ...data, id, path: `/${id}/`, status: 'DRAFT' } })
  await recordEvent(tx, id, actorId, 'CREATED', { source: data.source })
  const office = await tx.unit.findUniqueOrThrow({ where: { id: data.officeUnitId }, select: { path: true } })
  const officers = await tx.roleGrant.findMany({
    where: { person: { isActive: true }, role: { permissions: { has: 'supervision.manage' } }, OR: [{ unitId: data.officeUnitId }, { includesSubunits: true, unit: { path: { in: office.path.split('/').filter(Boolean).map((_, i, a) => `/${a.slice(0, i + 1).join('/')}/`) } } }] },
    select: { personId: true },
  })
  await createInboxItems(tx, [...new Set(officers.map((o) => o.personId))].map((personId) => ({
    personId, kind: 'TODO' as const, module: 'supervision', objectType: OBJECT_TYPE, objectId: id, title: `待立项：${item.title}`, source, url: itemUrl(id), dueAt: item.deadline,
  })))
  return item
}

/**
 * 领导批示: the leader at an incoming document's 批办 step turns it into a supervision item in one
 * action, carrying the instruction and a link back. It waits for the office (待立项).
 */
export async function createItemFromInstruction(db: Db, actor: Actor, input: FromInstructionInput, context: RequestContext) {
  const f = fromInstructionInput.parse(input)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const doc = await tx.document.findUnique({ where: { id: f.documentId }, select: { id: true, title: true, direction: true, workflow: true, deadline: true, senderNumber: true, registrationNumber: true, organ: { select: { path: true } }, tasks: { where: { assigneeId: actor.personId }, select: { stepIndex: true, status: true } } } })
    const steps = (doc?.workflow as { type: string }[] | null) ?? []
    // Only the leader who holds (or held) the 批办 task; anyone else does not see the document here.
    if (!doc || !doc.tasks.some((t) => steps[t.stepIndex]?.type === 'INSTRUCT')) throw new AppError('not_found')
    if (doc.direction !== 'INCOMING') throw new AppError('supervision.not_instructing')
    const existing = await tx.supervisionItem.findFirst({ where: { sourceDocumentId: doc.id, source: 'LEADER_INSTRUCTION' }, select: { id: true } })
    if (existing) return { id: existing.id }
    const officeUnitId = await officeFor(tx, doc.organ.path)
    if (!officeUnitId) throw new AppError('supervision.no_office')
    const item = await draftForOffice(tx, {
      officeUnitId, createdById: actor.personId, source: 'LEADER_INSTRUCTION', sourceDocumentId: doc.id, sourceNumber: doc.senderNumber ?? doc.registrationNumber ?? '',
      instruction: f.instruction, title: doc.title, requirement: f.instruction, deadline: doc.deadline ?? new Date(now.getTime() + 30 * 86_400_000), createdAt: now,
    }, actor.personId, `${actor.name} 批示`)
    await recordAudit(tx, { actor, action: 'supervision.from_instruction', objectType: OBJECT_TYPE, objectId: item.id, details: { documentId: doc.id }, context })
    return { id: item.id }
  })
}

/**
 * 会议议定: whoever manages a meeting hands one of its decisions (议定事项) to supervision in one
 * action. The decision already names its unit and deadline, so the item is opened and assigned at
 * once, for the office nearest the owning unit; the decision is linked back to it. Once per decision.
 */
export async function createItemFromMeetingDecision(db: Db, actor: Actor, decisionId: string, context: RequestContext) {
  const source = await decisionAsSupervisionSource(db, actor, decisionId)
  if (source.alreadyItemId) return { id: source.alreadyItemId }
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: source.leadUnitId }, select: { path: true } })
    if (!unit) throw new AppError('not_found')
    const officeUnitId = await officeFor(tx, unit.path)
    if (!officeUnitId) throw new AppError('supervision.no_office')
    const id = uuidv7()
    const item = await tx.supervisionItem.create({
      data: {
        id, path: `/${id}/`, officeUnitId, createdById: actor.personId, source: 'MEETING_DECISION', sourceRef: source.decisionId,
        title: source.title, requirement: source.description, deadline: source.deadline, status: 'IN_PROGRESS', createdAt: now,
      },
    })
    await recordEvent(tx, id, actor.personId, 'CREATED', { source: 'MEETING_DECISION', meetingId: source.meetingId })
    await assignUnits(tx, item, source.leadUnitId, [], actor.personId, `${source.meetingTitle} · 会议议定`)
    await linkSupervisionItem(tx, source.decisionId, id)
    await recordAudit(tx, { actor, action: 'supervision.from_decision', objectType: OBJECT_TYPE, objectId: id, details: { decisionId, meetingId: source.meetingId }, context })
    return { id }
  })
}

/** The item a document's 批办 became, if any (for the document page's 转督办 action). */
export async function itemForDocument(db: Db, documentId: string): Promise<string | null> {
  return (await db.supervisionItem.findFirst({ where: { sourceDocumentId: documentId, source: 'LEADER_INSTRUCTION', parentId: null }, select: { id: true } }))?.id ?? null
}
