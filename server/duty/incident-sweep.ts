import type { Db, Tx } from '../core/db/index.ts'
import { minutes } from '../core/clock.ts'
import { createInboxItems } from '../inbox/index.ts'
import { holdersOver } from './managers.ts'
import { dutySettingsFor, type DutySettings } from './settings.ts'
import type { PushNote } from './notify.ts'

type Step = { key: string; at: number; to: 'reporter' | 'leader' | 'upper'; text: string }

/** The timer steps of one deadline (phone or written), from the incident time and the settings. */
function steps(kind: 'phone' | 'written', occurredAt: Date, s: DutySettings['incident']): Step[] {
  const due = occurredAt.getTime() + minutes(kind === 'phone' ? s.phoneMinutes : s.writtenMinutes)
  const label = kind === 'phone' ? '电话报告' : '书面报告'
  return [
    { key: `remind:${kind}`, at: due - minutes(s.remindBeforeMinutes), to: 'reporter', text: `提醒：${label}将于 ${s.remindBeforeMinutes} 分钟后到期` },
    { key: `urge:${kind}`, at: due, to: 'reporter', text: `催报：${label}已超时` },
    { key: `leader:${kind}`, at: due + minutes(s.leaderAfterMinutes), to: 'leader', text: `${label}超时，已报带班领导` },
    { key: `upper:${kind}`, at: due + minutes(s.upperAfterMinutes), to: 'upper', text: `${label}超时，已报上级值班室` },
  ]
}

/** The leader on duty at the incident's post now (seats of a leader role), else the unit's duty managers. */
async function leadersOnDuty(tx: Tx, postId: string | null, unitPath: string, now: Date): Promise<string[]> {
  if (postId) {
    const seats = await tx.dutyAssignment.findMany({ where: { roster: { postId, status: 'PUBLISHED' }, startsAt: { lte: now }, endsAt: { gt: now }, personId: { not: null } }, select: { personId: true, roleId: true } })
    const leaderRoles = new Set((await tx.dutyShiftRole.findMany({ where: { id: { in: seats.map((s) => s.roleId) }, isLeader: true }, select: { id: true } })).map((r) => r.id))
    const leaders = seats.filter((s) => leaderRoles.has(s.roleId)).map((s) => s.personId!)
    if (leaders.length) return [...new Set(leaders)]
  }
  return holdersOver(tx, 'duty.manage', unitPath)
}

/**
 * Every minute: for each open incident whose phone or written report is not in, take the timer steps
 * that are due and not yet taken (each once: DutyIncidentEvent's unique key) — remind the reporter before
 * the deadline, urge at it, then tell the leader on duty, then the upper duty office.
 */
export async function sweepIncidentDeadlines(db: Db, now: Date): Promise<PushNote[]> {
  // Deadlines are each unit's settings (at most 1440 + 1440 minutes to the last step): look back that far and a day.
  const horizon = new Date(now.getTime() - minutes(1440 + 1440) - minutes(24 * 60))
  const open = await db.dutyIncident.findMany({
    where: { finalAt: null, occurredAt: { gte: horizon }, OR: [{ phoneAt: null }, { writtenAt: null }] },
    include: { unit: { select: { id: true, name: true, path: true } }, events: { select: { key: true } } },
    take: 500,
  })
  const pushes: PushNote[] = []
  // Per run only (at most 500 incidents): one settings read per unit, not per incident.
  const settingsOf = new Map<string, Promise<DutySettings>>()
  for (const incident of open) {
    if (!settingsOf.has(incident.unit.path)) settingsOf.set(incident.unit.path, dutySettingsFor(db, incident.unit))
    const settings = (await settingsOf.get(incident.unit.path)!).incident
    const taken = new Set(incident.events.map((e) => e.key))
    const due = [
      ...(incident.phoneAt ? [] : steps('phone', incident.occurredAt, settings)),
      ...(incident.writtenAt ? [] : steps('written', incident.occurredAt, settings)),
    ].filter((s) => s.at <= now.getTime() && !taken.has(s.key))
    if (!due.length) continue
    await db.$transaction(async (tx) => {
      for (const step of due) {
        const to = step.to === 'reporter' ? [incident.reporterId] : step.to === 'leader' ? await leadersOnDuty(tx, incident.postId, incident.unit.path, now) : await holdersOver(tx, 'duty.oversee', incident.unit.path, { above: true })
        const created = await tx.dutyIncidentEvent.createMany({ data: [{ incidentId: incident.id, key: step.key, at: now, personIds: to, text: step.text }], skipDuplicates: true })
        if (!created.count) continue // another instance took it
        const title = `${step.text}：${incident.unit.name} ${incident.title}`
        // A new item per step (the reporter's own TODO stays open until the written report is in).
        await createInboxItems(tx, to.map((personId) => ({ personId, kind: 'TO_READ' as const, module: 'duty', objectType: 'DutyIncidentStep', objectId: `${incident.id}:${step.key}`, title, source: incident.unit.name, url: `/duty/incidents/${incident.id}`, urgency: 'EXTRA_URGENT' as const, unitId: incident.unit.id })))
        pushes.push({ personIds: to, title, body: incident.place, url: `/duty/incidents/${incident.id}`, tag: `duty-incident-${incident.id}` })
      }
    })
  }
  return pushes
}
