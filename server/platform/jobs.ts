import type { AnyJob } from '../core/jobs.ts'
import { deliverMailJob } from '../mail/index.ts'
import { pushNoticeJob, repingSweepJob } from '../notices/index.ts'
import { sendPushJob } from '../push/index.ts'
import { digestJob, dueReminderJob } from '../inbox/index.ts'
import { overdueUrgeJob } from '../documents/index.ts'

/** Every background job the platform runs. */
export const allJobs: readonly AnyJob[] = [deliverMailJob, repingSweepJob, pushNoticeJob, sendPushJob, digestJob, dueReminderJob, overdueUrgeJob]
