import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { hasPermission } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { clock, minutes } from '../core/clock.ts'
import { completeInboxItems } from '../inbox/index.ts'
import { incidentVisibleWhere } from './incident-policy.ts'
import { dutyPolicy, memberUnitIds } from './policy.ts'
import { dutySettingsFor } from './settings.ts'

/**
 * An incident with its deadlines, reports, timeline and read receipts. Opening it as the upper duty
 * office writes the read receipt (已读) and clears that person's item.
 */
export async function openIncident(db: Db, actor: Actor, incidentId: string) {
  const incident = await db.dutyIncident.findFirst({
    where: { AND: [{ id: incidentId }, incidentVisibleWhere(actor, await memberUnitIds(db, actor))] },
    include: { unit: { select: { id: true, name: true, path: true } }, reports: { orderBy: { at: 'asc' } }, events: { orderBy: { at: 'asc' } }, receipts: true },
  })
  if (!incident) throw notFound()
  const isUpper = hasPermission(actor, 'duty.oversee', { unitPath: incident.unit.path }) && incident.reporterId !== actor.personId
  if (isUpper && !incident.receipts.some((r) => r.personId === actor.personId)) {
    await db.$transaction(async (tx) => {
      await tx.dutyIncidentReceipt.createMany({ data: [{ incidentId, personId: actor.personId, readAt: clock.now() }], skipDuplicates: true })
      await completeInboxItems(tx, { objectType: 'DutyIncident', objectId: incidentId, personId: actor.personId, kind: 'TO_READ' })
    })
    incident.receipts.push({ incidentId, personId: actor.personId, readAt: clock.now() })
  }
  const settings = (await dutySettingsFor(db, incident.unit)).incident
  const people = await db.person.findMany({ where: { id: { in: [...new Set([incident.reporterId, ...incident.reports.map((r) => r.authorId), ...incident.receipts.map((r) => r.personId)])] } }, select: { id: true, name: true, phone: true } })
  const name = new Map(people.map((p) => [p.id, p]))
  return {
    ...incident,
    reporter: name.get(incident.reporterId)!,
    phoneDue: new Date(incident.occurredAt.getTime() + minutes(settings.phoneMinutes)),
    writtenDue: new Date(incident.occurredAt.getTime() + minutes(settings.writtenMinutes)),
    reports: incident.reports.map((r) => ({ ...r, author: name.get(r.authorId)?.name ?? '' })),
    receipts: incident.receipts.map((r) => ({ ...r, name: name.get(r.personId)?.name ?? '' })),
    mayReport: !incident.finalAt && (incident.reporterId === actor.personId || dutyPolicy.mayManageUnit(actor, incident.unit)),
  }
}

/** Incidents the actor may see, newest first. */
export async function listIncidents(db: Db, actor: Actor) {
  return db.dutyIncident.findMany({
    where: incidentVisibleWhere(actor, await memberUnitIds(db, actor)),
    orderBy: { occurredAt: 'desc' }, take: 100,
    select: { id: true, title: true, occurredAt: true, level: true, phoneAt: true, writtenAt: true, finalAt: true, unit: { select: { name: true } } },
  })
}
