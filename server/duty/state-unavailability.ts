import type { Db } from '../core/db/index.ts'
import { unitScopeWhere, type Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { addDays, shanghaiInstant } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { dutyPolicy } from './policy.ts'
import { unavailabilityInput, type UnavailabilityInput } from './schemas.ts'

/**
 * State that a person cannot take duty (出差, 培训…) from the start of one day to the end of another.
 * A person states their own; a duty manager states it for people of the units they manage. Leave will be
 * written into the same table by its own module, with its own `source`.
 */
export async function stateUnavailability(db: Db, actor: Actor, input: UnavailabilityInput, context: RequestContext) {
  const fields = unavailabilityInput.parse(input)
  const person = await db.person.findUnique({ where: { id: fields.personId }, select: { id: true, name: true, posts: { select: { unit: { select: { path: true } } } } } })
  if (!person || (person.id !== actor.personId && !dutyPolicy.mayManagePerson(actor, { unitPaths: person.posts.map((p) => p.unit.path) }))) throw notFound()
  return db.$transaction(async (tx) => {
    const row = await tx.dutyUnavailability.create({
      data: { personId: person.id, startsAt: shanghaiInstant(fields.startDate), endsAt: shanghaiInstant(addDays(fields.endDate, 1)), reason: fields.reason, note: fields.note || null, createdById: actor.personId },
    })
    await recordAudit(tx, { actor, action: 'duty.unavailability_state', objectType: 'DutyUnavailability', objectId: row.id, details: { person: person.name, from: fields.startDate, to: fields.endDate, reason: fields.reason }, context })
    return { id: row.id }
  })
}

/** Withdraw a stated unavailability (only the duty module's own rows; leave is withdrawn by its module). */
export async function withdrawUnavailability(db: Db, actor: Actor, id: string, context: RequestContext) {
  const row = await db.dutyUnavailability.findUnique({ where: { id }, include: { person: { select: { name: true, posts: { select: { unit: { select: { path: true } } } } } } } })
  if (!row || row.source !== 'duty' || (row.personId !== actor.personId && !dutyPolicy.mayManagePerson(actor, { unitPaths: row.person.posts.map((p) => p.unit.path) }))) throw notFound()
  return db.$transaction(async (tx) => {
    await tx.dutyUnavailability.delete({ where: { id } })
    await recordAudit(tx, { actor, action: 'duty.unavailability_withdraw', objectType: 'DutyUnavailability', objectId: id, details: { person: row.person.name }, context })
    return { id }
  })
}

/** The stated unavailability the actor may see: their own and that of people in the units they manage. */
export async function listUnavailability(db: Db, actor: Actor, from: Date) {
  const rows = await db.dutyUnavailability.findMany({
    where: { endsAt: { gt: from }, OR: [{ personId: actor.personId }, { person: { posts: { some: { unit: unitScopeWhere(actor, 'duty.manage') } } } }] },
    include: { person: { select: { name: true } } },
    orderBy: { startsAt: 'asc' },
    take: 200,
  })
  return rows.map((r) => ({ id: r.id, personId: r.personId, name: r.person.name, startsAt: r.startsAt, endsAt: r.endsAt, reason: r.reason, note: r.note, source: r.source }))
}
