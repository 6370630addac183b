import { db } from '../core/db/index.ts'
import { defineSweep } from '../core/jobs.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { sendDueDigests } from './send-digests.ts'
import { remindDueItems } from './remind-due-items.ts'
import { sendPush } from '../push/index.ts'

/** Every five minutes: the daily digests whose time has come. */
export const digestJob = defineSweep({
  name: 'inbox.digest',
  cron: '*/5 * * * *',
  async handler() {
    if (await sendDueDigests(db())) await wakeMailWorker()
  },
})

/** Every five minutes: remind people of 待办 items that fall due within two hours. */
export const dueReminderJob = defineSweep({
  name: 'inbox.due-reminders',
  cron: '*/5 * * * *',
  async handler() {
    const reminded = await remindDueItems(db())
    if (reminded.length === 0) return
    await wakeMailWorker()
    for (const r of reminded) await sendPush(db(), [r.personId], { title: `【到期提醒】${r.title}`, body: '此待办事项即将到期。', url: r.url, tag: `due-${r.itemId}` })
  },
})
