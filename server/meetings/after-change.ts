import { db } from '../core/db/index.ts'
import { enqueue } from '../core/jobs.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { pushMeetingJob, scheduleReminders } from './jobs.ts'

/** After a meeting change has committed: wake the mail worker, push to those concerned, (re)queue reminders. */
export async function afterMeetingChange(meetingId: string, personIds: string[], kind: 'invite' | 'change' | 'cancel') {
  await wakeMailWorker().catch(() => undefined)
  if (personIds.length) await enqueue(pushMeetingJob, { meetingId, personIds: personIds.slice(0, 5000), kind }).catch(() => undefined)
  if (kind !== 'cancel') {
    const meeting = await db().meeting.findUnique({ where: { id: meetingId } })
    if (meeting) await scheduleReminders(meeting).catch(() => undefined)
  }
}
