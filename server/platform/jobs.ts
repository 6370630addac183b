import type { AnyJob } from '../core/jobs.ts'
import { deliverMailJob } from '../mail/index.ts'
import { pushNoticeJob, repingSweepJob } from '../notices/index.ts'
import { sendPushJob } from '../push/index.ts'
import { digestJob, dueReminderJob } from '../inbox/index.ts'
import { overdueUrgeJob } from '../documents/index.ts'
import { signOnSweepJob } from '../microapps/index.ts'
import { messageRetentionJob } from '../messaging/index.ts'
import { supervisionSweepJob } from '../supervision/index.ts'
import { meetingReminderJob, pushMeetingJob, urgeUnitsSweepJob } from '../meetings/index.ts'
import { incidentSweepJob } from '../duty/index.ts'
import { metricsAggregateJob } from '../metrics/index.ts'
import { entryReminderJob } from '../personal/index.ts'
import { backupJob } from '../operations/index.ts'
import { reportingSweepJob } from '../reporting/index.ts'

/** Every background job the platform runs: one line per module. */
export const allJobs: readonly AnyJob[] = [
  deliverMailJob, repingSweepJob, pushNoticeJob, sendPushJob, digestJob, dueReminderJob,
  overdueUrgeJob,
  supervisionSweepJob,
  pushMeetingJob, meetingReminderJob, urgeUnitsSweepJob,
  incidentSweepJob,
  entryReminderJob,
  reportingSweepJob,
  messageRetentionJob,
  signOnSweepJob,
  metricsAggregateJob,
  backupJob,
]
