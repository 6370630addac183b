import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { defineSweep } from '../core/jobs.ts'
import { remindEntries } from './remind-entries.ts'

/** Every minute: reminders of own calendar entries that are due. */
export const entryReminderJob = defineSweep({
  name: 'personal.entry-reminders',
  cron: '* * * * *',
  async handler() {
    await remindEntries(db(), clock.now())
  },
})
