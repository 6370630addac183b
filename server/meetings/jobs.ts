import { z } from 'zod'
import { db } from '../core/db/index.ts'
import { clock, days, minutes } from '../core/clock.ts'
import { defineJob, defineSweep, enqueue } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { sendPush } from '../push/index.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { urgeLateUnits } from './urge-units.ts'
import { whenText } from './invitations.ts'

/** Push an invitation (or a change) to people's devices. */
export const pushMeetingJob = defineJob({
  name: 'meeting.push',
  payload: z.object({ meetingId: z.uuid(), personIds: z.array(z.uuid()).max(5000), kind: z.enum(['invite', 'change', 'cancel', 'reminder']) }),
  retryLimit: 2,
  async handler({ meetingId, personIds, kind }) {
    const meeting = await db().meeting.findUnique({ where: { id: meetingId } })
    if (!meeting || !personIds.length) return
    const label = { invite: '会议邀请', change: '会议变更', cancel: '会议取消', reminder: '会议提醒' }[kind]
    await sendPush(db(), personIds, { title: `${label}：${meeting.title}`, body: whenText(meeting), url: `/meetings/${meeting.id}`, tag: `meeting-${meeting.id}` })
  },
})

/**
 * A reminder before the start (a day, a quarter of an hour; the meeting's `reminderMinutes`). Queued
 * for its time when the meeting is made or moved; one whose meeting has moved since (another
 * SEQUENCE) or was cancelled does nothing, the moved meeting's own reminders take over.
 */
export const meetingReminderJob = defineJob({
  name: 'meeting.reminder',
  payload: z.object({ meetingId: z.uuid(), sequence: z.number().int(), minutes: z.number().int() }),
  retryLimit: 2,
  async handler({ meetingId, sequence, minutes: before }) {
    const meeting = await db().meeting.findUnique({ where: { id: meetingId } })
    if (!meeting || meeting.status !== 'SCHEDULED' || meeting.sequence !== sequence) return
    const people = await db().meetingInvitee.findMany({ where: { meetingId, answer: { in: ['PENDING', 'ATTEND'] } }, select: { personId: true } })
    logger.info({ meetingId, before, people: people.length }, 'meeting reminder')
    await sendPush(db(), people.map((p) => p.personId), {
      title: `会议提醒：${meeting.title}`, body: `${before >= 60 ? `${Math.round(before / 60)} 小时` : `${before} 分钟`}后开始 · ${whenText(meeting)}${meeting.location ? ` · ${meeting.location}` : ''}`,
      url: `/meetings/${meeting.id}`, tag: `meeting-${meeting.id}-reminder`,
    })
  },
})

/** Every hour: units that have not named attendees with the deadline less than a day away are urged (催报). */
export const urgeUnitsSweepJob = defineSweep({
  name: 'meeting.urge-units',
  cron: '7 * * * *',
  async handler() {
    const urged = await urgeLateUnits(db(), clock.now(), days(1))
    if (urged) {
      logger.info({ urged }, 'late units urged to name attendees')
      await wakeMailWorker()
    }
  },
})

/** After a meeting is made or moved (committed): queue its reminders for their times. */
export async function scheduleReminders(meeting: { id: string; sequence: number; startsAt: Date; reminderMinutes: number[] }): Promise<void> {
  const now = clock.now().getTime()
  for (const m of meeting.reminderMinutes) {
    const at = meeting.startsAt.getTime() - minutes(m)
    if (at <= now) continue
    await enqueue(meetingReminderJob, { meetingId: meeting.id, sequence: meeting.sequence, minutes: m }, { startAfter: new Date(at), singletonKey: `${meeting.id}:${meeting.sequence}:${m}` })
  }
}
