import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { clock, minutes } from '../core/clock.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { currentSeat } from './desk-helpers.ts'
import { holdersOver } from './managers.ts'
import { recordIncidentInput, type RecordIncidentInput } from './schemas.ts'
import { dutySettingsFor } from './settings.ts'

export const LEVELS = ['', '特别重大', '重大', '较大', '一般'] as const

/**
 * 突发事件: the officer on duty records it (time, place, kind, level, casualties, measures). The upper
 * duty office gets it at once (live, to read, with receipts); the deadlines run from the incident time and
 * the sweep (incident-sweep.ts) reminds, urges and escalates.
 */
export async function recordIncident(db: Db, actor: Actor, input: RecordIncidentInput, context: RequestContext) {
  const fields = recordIncidentInput.parse(input)
  const now = clock.now()
  if (fields.occurredAt.getTime() > now.getTime() + minutes(5)) throw new AppError('duty.incident_in_future')
  const seat = await currentSeat(db, actor.personId, now)
  if (!seat) throw new AppError('duty.not_on_shift')
  const settings = await dutySettingsFor(db, seat.roster.post.unit)
  const upper = await holdersOver(db as never, 'duty.oversee', seat.roster.post.unit.path, { above: true })
  return db.$transaction(async (tx) => {
    const incident = await tx.dutyIncident.create({ data: { ...fields, unitId: seat.roster.post.unit.id, postId: seat.roster.postId, reporterId: actor.personId, createdAt: now } })
    await tx.dutyIncidentEvent.create({ data: { incidentId: incident.id, key: 'recorded', at: now, personIds: [actor.personId], text: `${actor.name} 记录事件（${LEVELS[fields.level]}）` } })
    await createInboxItems(tx, [
      { personId: actor.personId, kind: 'TODO', module: 'duty', objectType: 'DutyIncident', objectId: incident.id, title: `突发事件报送：${fields.title}（电话 ${settings.incident.phoneMinutes} 分钟、书面 ${settings.incident.writtenMinutes} 分钟内）`, source: seat.roster.post.unit.name, url: `/duty/incidents/${incident.id}`, urgency: 'EXTRA_URGENT', dueAt: new Date(fields.occurredAt.getTime() + minutes(settings.incident.writtenMinutes)), unitId: seat.roster.post.unit.id },
      ...upper.map((personId) => ({ personId, kind: 'TO_READ' as const, module: 'duty', objectType: 'DutyIncident', objectId: incident.id, title: `【${LEVELS[fields.level]}】${seat.roster.post.unit.name}：${fields.title}`, source: seat.roster.post.unit.name, url: `/duty/incidents/${incident.id}`, urgency: 'EXTRA_URGENT' as const, unitId: seat.roster.post.unit.id })),
    ])
    await recordAudit(tx, { actor, action: 'duty.incident_record', objectType: 'DutyIncident', objectId: incident.id, details: { title: fields.title, level: fields.level, unit: seat.roster.post.unit.name, upper: upper.length }, context })
    return { id: incident.id, push: { personIds: upper, title: `【${LEVELS[fields.level]}】${fields.title}`, body: seat.roster.post.unit.name, url: `/duty/incidents/${incident.id}` } }
  })
}
