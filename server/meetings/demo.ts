import { randomUUID } from 'node:crypto'
import type { Tx } from '../core/db/index.ts'
import { clock, days, fromShanghai, shanghaiDate } from '../core/clock.ts'
import { createInboxItems } from '../inbox/index.ts'
import { whenText } from './invitations.ts'

type Ids = { unitIds: Map<string, string>; personIds: Map<string, string>; roleIds: Map<string, string> }

/**
 * The demo city's meetings (泰和市): 会务员 grants (王芳 for 市政府办公室, 孙立平 for 发改委, 林晓 for
 * 东平区), three rooms, tomorrow's 常务会议 in the first room with video (weekly, invitees and two units
 * naming attendees), and a video briefing (视频会商) with the district. Called inside the demo seed's
 * transaction, so rows are written directly.
 */
export async function seedMeetingsDemo(tx: Tx, { unitIds, personIds, roleIds }: Ids): Promise<void> {
  const unit = (key: string) => unitIds.get(key)!
  const person = (account: string) => personIds.get(account)!
  const clerkRole = roleIds.get('meeting-clerk')!
  for (const [account, key] of [['clerk', 'office'], ['ndrchead', 'ndrc'], ['dpclerk', 'dongping']] as const) {
    await tx.roleGrant.create({ data: { personId: person(account), roleId: clerkRole, unitId: unit(key) } })
  }
  const [first, second] = await Promise.all([
    tx.meetingRoom.create({ data: { unitId: unit('office'), name: '市政府第一会议室', location: '市政府大楼3楼', capacity: 40, equipment: ['投影', '视频会议终端', '话筒'] } }),
    tx.meetingRoom.create({ data: { unitId: unit('office'), name: '市政府常务会议室', location: '市政府大楼5楼', capacity: 24, equipment: ['视频会议终端', '电子席卡'], needsApproval: true } }),
  ])
  await tx.meetingRoom.create({ data: { unitId: unit('dongping.office'), name: '东平区政府会议中心', location: '东平区政府1楼', capacity: 120, equipment: ['投影', '扩声'] } })

  const tomorrow = shanghaiDate(new Date(clock.now().getTime() + days(1)))
  const meetings = [
    {
      title: '市政府第12次常务会议', kind: 'BOTH' as const, room: first, startsAt: fromShanghai(tomorrow, '09:30'), endsAt: fromShanghai(tomorrow, '11:30'),
      recurrence: 'FREQ=WEEKLY;COUNT=8', rsvpDeadline: fromShanghai(tomorrow, '08:30'), chair: 'leader',
      people: ['leader', 'deputy', 'deputy2', 'deputy3', 'secgen', 'finhead', 'head', 'drafter'], units: [['ndrc', 2], ['dongping', 1]] as const,
    },
    {
      title: '全市安全生产视频调度会', kind: 'VIDEO' as const, room: null, startsAt: fromShanghai(tomorrow, '15:00'), endsAt: fromShanghai(tomorrow, '16:00'),
      recurrence: null, rsvpDeadline: fromShanghai(tomorrow, '12:00'), chair: 'deputy3', isBriefing: true,
      people: ['deputy3', 'secgen', 'dpdeputy', 'dpemhead'], units: [['emergency', 2]] as const,
    },
  ]
  void second
  for (const m of meetings) {
    const meeting = await tx.meeting.create({
      data: {
        title: m.title, kind: m.kind, organiserUnitId: unit('office'), organiserId: person('clerk'), chairId: person(m.chair),
        startsAt: m.startsAt, endsAt: m.endsAt, recurrence: m.recurrence, rsvpDeadline: m.rsvpDeadline, allowVideo: true,
        isBriefing: 'isBriefing' in m, chairVenueUnitId: 'isBriefing' in m ? unit('city') : null,
        location: m.room ? `${m.room.name}（${m.room.location}）` : '', icsUid: `${randomUUID()}@xietong`,
      },
    })
    if (m.room) await tx.roomBooking.create({ data: { roomId: m.room.id, meetingId: meeting.id, title: m.title, bookedById: person('clerk'), unitId: unit('office'), startsAt: m.startsAt, endsAt: m.endsAt, status: 'APPROVED' } })
    await tx.meetingInvitee.createMany({ data: m.people.map((a) => ({ meetingId: meeting.id, personId: person(a), role: a === m.chair ? 'HOST' as const : 'ATTENDEE' as const })) })
    await createInboxItems(tx, m.people.map((a) => ({
      personId: person(a), kind: 'TODO' as const, module: 'meetings', objectType: 'Meeting', objectId: meeting.id, title: `会议邀请：${m.title}`,
      source: `市政府办公室 · ${whenText(m)}`, url: `/meetings/${meeting.id}`, dueAt: m.rsvpDeadline, unitId: unit('office'),
    })))
    for (const [key, quota] of m.units) {
      const row = await tx.meetingUnit.create({ data: { meetingId: meeting.id, unitId: unit(key), quota } })
      const contact = key === 'ndrc' ? 'ndrchead' : key === 'dongping' ? 'dpclerk' : null
      if (contact) {
        await createInboxItems(tx, [{ personId: person(contact), kind: 'TODO', module: 'meetings', objectType: 'MeetingUnit', objectId: row.id, title: `单位报名：${m.title}`, source: `市政府办公室 · ${whenText(m)}`, url: `/meetings/${meeting.id}`, dueAt: m.rsvpDeadline, unitId: unit(key) }])
      }
    }
    if (m.kind !== 'VIDEO') {
      await tx.meetingAgendaItem.createMany({ data: [
        { meetingId: meeting.id, position: 0, title: '审议《泰和市城市更新三年行动方案（送审稿）》', presenterId: person('ndrchead'), minutes: 40 },
        { meetingId: meeting.id, position: 1, title: '研究2027年市级财政预算编制有关事项', presenterId: person('finhead'), minutes: 30 },
        { meetingId: meeting.id, position: 2, title: '其他事项', minutes: 20 },
      ] })
    }
  }
}
