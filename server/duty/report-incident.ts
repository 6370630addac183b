import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { dutyPolicy } from './policy.ts'
import { holdersOver } from './managers.ts'
import { incidentReportInput, type IncidentReportInput } from './schemas.ts'

const LABEL = { PHONE: '电话报告', WRITTEN: '书面报告', FOLLOW_UP: '续报', FINAL: '终报' } as const

/**
 * The reporter (or the unit's duty manager) reports: the phone report done, the written report, follow-ups
 * (续报), the final report (终报, which closes the incident). Each lands on the timeline and with the upper
 * duty office.
 */
export async function reportIncident(db: Db, actor: Actor, incidentId: string, input: IncidentReportInput, context: RequestContext) {
  const fields = incidentReportInput.parse(input)
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "DutyIncident" WHERE id = ${incidentId}::uuid FOR UPDATE`
    if (!rows.length) throw notFound()
    const incident = await tx.dutyIncident.findUniqueOrThrow({ where: { id: incidentId }, include: { unit: { select: { id: true, name: true, path: true } } } })
    if (incident.reporterId !== actor.personId && !dutyPolicy.mayManageUnit(actor, incident.unit)) throw notFound()
    if (incident.revision !== fields.revision) throw new AppError('duty.stale')
    if (incident.finalAt) throw new AppError('duty.incident_closed')
    if (fields.kind !== 'PHONE' && !fields.text) throw new AppError('validation', {}, [{ path: ['text'], message: 'required' }])
    if (fields.kind === 'PHONE' && incident.phoneAt) throw new AppError('duty.incident_reported')
    if (fields.kind === 'WRITTEN' && incident.writtenAt) throw new AppError('duty.incident_reported')
    const now = clock.now()
    await tx.dutyIncidentReport.create({ data: { incidentId, kind: fields.kind, at: now, text: fields.text, authorId: actor.personId } })
    const updated = await tx.dutyIncident.update({
      where: { id: incidentId },
      data: { revision: { increment: 1 }, ...(fields.kind === 'PHONE' ? { phoneAt: now } : fields.kind === 'WRITTEN' ? { writtenAt: now } : fields.kind === 'FINAL' ? { finalAt: now, ...(incident.writtenAt ? {} : { writtenAt: now }) } : {}) },
    })
    const count = fields.kind === 'FOLLOW_UP' ? await tx.dutyIncidentReport.count({ where: { incidentId, kind: 'FOLLOW_UP' } }) : 0
    await tx.dutyIncidentEvent.create({ data: { incidentId, key: `report:${fields.kind}:${updated.revision}`, at: now, personIds: [actor.personId], text: `${actor.name} ${LABEL[fields.kind]}${count ? `（第 ${count} 次）` : ''}` } })
    if (updated.writtenAt) await completeInboxItems(tx, { objectType: 'DutyIncident', objectId: incidentId, kind: 'TODO' })
    // The upper office reads each report; its receipts start again.
    const upper = await holdersOver(tx, 'duty.oversee', incident.unit.path, { above: true })
    await tx.dutyIncidentReceipt.deleteMany({ where: { incidentId } })
    await tx.inboxItem.updateMany({ where: { objectType: 'DutyIncident', objectId: incidentId, kind: 'TO_READ', personId: { in: upper } }, data: { state: 'OPEN', doneAt: null, title: `【${LABEL[fields.kind]}】${incident.unit.name}：${incident.title}` } })
    await createInboxItems(tx, upper.map((personId) => ({ personId, kind: 'TO_READ' as const, module: 'duty', objectType: 'DutyIncident', objectId: incidentId, title: `【${LABEL[fields.kind]}】${incident.unit.name}：${incident.title}`, source: incident.unit.name, url: `/duty/incidents/${incidentId}`, urgency: 'EXTRA_URGENT' as const, unitId: incident.unit.id })))
    await recordAudit(tx, { actor, action: 'duty.incident_report', objectType: 'DutyIncident', objectId: incidentId, details: { kind: fields.kind }, context })
    return { id: incidentId, revision: updated.revision, push: { personIds: upper, title: `【${LABEL[fields.kind]}】${incident.title}`, body: incident.unit.name, url: `/duty/incidents/${incidentId}` } }
  })
}
