import type { MeetingModel as Meeting, Tx } from '../core/db/index.ts'
import type { MeetingRole } from '../core/db/index.ts'
import { config } from '../core/config.ts'
import { formatShanghai, shanghaiTime } from '../core/clock.ts'
import { createInboxItems } from '../inbox/index.ts'
import { queueMail, type NewMail } from '../mail/index.ts'
import { preferencesOf } from '../preferences/index.ts'
import { meetingIcs } from './ics.ts'

export type NewInvitee = { personId: string; role?: MeetingRole; viaUnitId?: string | null; substituteForId?: string | null }

export const meetingUrl = (meetingId: string) => `${config().PUBLIC_URL.replace(/\/$/, '')}/meetings/${meetingId}`
export const whenText = (m: { startsAt: Date; endsAt: Date }) => `${formatShanghai(m.startsAt)}–${shanghaiTime(m.endsAt)}（北京时间）`

export async function organiserOf(tx: Tx, meeting: Pick<Meeting, 'organiserId' | 'organiserUnitId'>) {
  const [person, unit] = await Promise.all([
    tx.person.findUniqueOrThrow({ where: { id: meeting.organiserId }, select: { name: true, email: true } }),
    tx.unit.findUniqueOrThrow({ where: { id: meeting.organiserUnitId }, select: { name: true } }),
  ])
  return { name: person.name, email: person.email, unitName: unit.name }
}

/** Mail with the meeting's ICS to each person who wants mail and has an address. */
export async function meetingMails(
  tx: Tx, meeting: Meeting, personIds: string[], method: 'REQUEST' | 'CANCEL', subject: string, lead: string, now: Date,
): Promise<number> {
  if (!personIds.length) return 0
  const organiser = await organiserOf(tx, meeting)
  const [people, preferences] = await Promise.all([
    tx.person.findMany({ where: { id: { in: personIds }, isActive: true, email: { not: null } }, select: { id: true, name: true, email: true } }),
    preferencesOf(tx, personIds),
  ])
  const url = meetingUrl(meeting.id)
  const mails: NewMail[] = people.filter((p) => preferences.get(p.id)?.emailEnabled !== false).map((p) => ({
    to: p.email!, toPersonId: p.id, subject,
    text: `${lead}\n\n${meeting.title}\n时间：${whenText(meeting)}${meeting.location ? `\n地点：${meeting.location}` : ''}\n组织单位：${organiser.unitName}\n\n${url}\n\n——协同 政务协同办公平台`,
    calendar: meetingIcs({ ...meeting, url, organiser }, method, { name: p.name, email: p.email! }, now),
  }))
  return queueMail(tx, mails)
}

/**
 * Invite people inside the caller's transaction: one MeetingInvitee row each (people already invited
 * are left as they are), a 待办 until they answer, and mail with the ICS. Returns who was new (for push).
 */
export async function invitePeople(tx: Tx, meeting: Meeting, invitees: NewInvitee[], now: Date): Promise<string[]> {
  if (!invitees.length) return []
  const added: string[] = []
  for (let i = 0; i < invitees.length; i += 5000) {
    const b = invitees.slice(i, i + 5000)
    const rows = await tx.$queryRaw<{ personId: string }[]>`
      INSERT INTO "MeetingInvitee" (id, "meetingId", "personId", role, "viaUnitId", "substituteForId", "createdAt")
      SELECT gen_random_uuid(), ${meeting.id}::uuid, t.p, t.r::"MeetingRole", t.u, t.s, ${now}
        FROM unnest(${b.map((x) => x.personId)}::uuid[], ${b.map((x) => x.role ?? 'ATTENDEE')}::text[],
                    ${b.map((x) => x.viaUnitId ?? null)}::uuid[], ${b.map((x) => x.substituteForId ?? null)}::uuid[]) AS t(p, r, u, s)
      ON CONFLICT ("meetingId", "personId") DO NOTHING
      RETURNING "personId"`
    added.push(...rows.map((r) => r.personId))
  }
  const organiser = await organiserOf(tx, meeting)
  await createInboxItems(tx, added.map((personId) => ({
    personId, kind: 'TODO', module: 'meetings', objectType: 'Meeting', objectId: meeting.id,
    title: `会议邀请：${meeting.title}`, source: `${organiser.unitName} · ${whenText(meeting)}`, url: `/meetings/${meeting.id}`,
    dueAt: meeting.rsvpDeadline ?? meeting.startsAt, unitId: meeting.organiserUnitId,
  })))
  await meetingMails(tx, meeting, added, 'REQUEST', `会议邀请：${meeting.title}`, `${organiser.name}（${organiser.unitName}）邀请您参加会议：`, now)
  return added
}

/**
 * Who names a unit's attendees (单位报名): holders of meeting.organise whose grant is nearest the unit
 * (the unit's own office before the city's), else the unit's leaders.
 */
export async function unitContacts(tx: Tx, unitId: string): Promise<string[]> {
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: { path: true } })
  const rows = await tx.$queryRaw<{ personId: string; depth: number }[]>`
    SELECT DISTINCT g."personId", u.depth FROM "RoleGrant" g
      JOIN "Role" r ON r.id = g."roleId" JOIN "Unit" u ON u.id = g."unitId" JOIN "Person" p ON p.id = g."personId"
     WHERE 'meeting.organise' = ANY(r.permissions) AND p."isActive"
       AND (u.path = ${unit.path} OR (g."includesSubunits" AND ${unit.path} LIKE u.path || '%'))`
  if (rows.length) {
    const deepest = Math.max(...rows.map((r) => r.depth))
    return rows.filter((r) => r.depth === deepest).map((r) => r.personId)
  }
  const leaders = await tx.post.findMany({ where: { unitId, leaderRank: { not: 'NONE' }, person: { isActive: true } }, select: { personId: true } })
  return leaders.map((l) => l.personId)
}
