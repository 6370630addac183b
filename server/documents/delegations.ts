import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { inboxKindOf } from './engine.ts'

export const delegationInput = z.object({
  deputyId: z.uuid(),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  reason: z.string().trim().max(200).default(''),
})

/**
 * 委托: while away, a person's document steps may be handled by a deputy. The deputy gets the 待办 of
 * tasks already waiting and of new ones; opinions they write show "(代)" and the person's name.
 */
export async function createDelegation(db: Db, actor: Actor, input: z.input<typeof delegationInput>, context: RequestContext) {
  const fields = delegationInput.parse(input)
  if (fields.endsAt <= fields.startsAt || fields.endsAt <= clock.now()) throw new AppError('document.delegation_period')
  if (fields.deputyId === actor.personId) throw new AppError('validation')
  const deputy = await db.person.findUnique({ where: { id: fields.deputyId }, select: { id: true, isActive: true, name: true } })
  if (!deputy?.isActive) throw new AppError('not_found')
  return db.$transaction(async (tx) => {
    const row = await tx.delegation.create({ data: { personId: actor.personId, deputyId: deputy.id, startsAt: fields.startsAt, endsAt: fields.endsAt, reason: fields.reason, createdAt: clock.now() } })
    if (fields.startsAt <= clock.now()) {
      const waiting = await tx.documentTask.findMany({ where: { assigneeId: actor.personId, status: 'PENDING' }, select: { id: true, dueAt: true, stepIndex: true, document: { select: { id: true, title: true, urgency: true, unitId: true, workflow: true } } } })
      await createInboxItems(tx, waiting.map((t) => ({
        personId: deputy.id, kind: inboxKindOf((t.document.workflow as { type: string }[] | null)?.[t.stepIndex] ?? { type: '' }), module: 'document', objectType: 'DocumentTask', objectId: t.id, title: t.document.title,
        source: `代 ${actor.name}`, url: `/documents/${t.document.id}`, urgency: t.document.urgency, dueAt: t.dueAt, unitId: t.document.unitId,
      })))
    }
    await recordAudit(tx, { actor, action: 'document.delegate', objectType: 'Delegation', objectId: row.id, details: { deputy: deputy.id, startsAt: fields.startsAt, endsAt: fields.endsAt }, context })
    return { id: row.id }
  })
}

export async function revokeDelegation(db: Db, actor: Actor, id: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const row = await tx.delegation.findUnique({ where: { id } })
    if (!row || row.personId !== actor.personId) throw new AppError('not_found')
    await tx.delegation.update({ where: { id }, data: { revokedAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'document.delegation_revoke', objectType: 'Delegation', objectId: id, context })
  })
}

export async function listDelegations(db: Db, actor: Actor) {
  const rows = await db.delegation.findMany({ where: { OR: [{ personId: actor.personId }, { deputyId: actor.personId }], revokedAt: null, endsAt: { gt: clock.now() } }, orderBy: { startsAt: 'asc' } })
  const people = await db.person.findMany({ where: { id: { in: rows.flatMap((r) => [r.personId, r.deputyId]) } }, select: { id: true, name: true } })
  const name = new Map(people.map((p) => [p.id, p.name]))
  return rows.map((r) => ({ ...r, personName: name.get(r.personId) ?? '', deputyName: name.get(r.deputyId) ?? '' }))
}
