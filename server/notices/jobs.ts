import { z } from 'zod'
import { db } from '../core/db/index.ts'
import { defineJob, defineSweep, enqueue } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { wakeMailWorker } from '../mail/index.ts'
import { sendPush } from '../push/index.ts'
import { isQuietAt, preferencesOf } from '../preferences/index.ts'
import { clock } from '../core/clock.ts'
import { repingDueNotices } from './reping.ts'

/** Every minute: ping unconfirmed recipients whose notice's re-ping interval has passed. */
export const repingSweepJob = defineSweep({
  name: 'notice.reping-sweep',
  cron: '* * * * *',
  async handler() {
    const pinged = await repingDueNotices(db())
    if (pinged.length) {
      logger.info({ pinged: pinged.length }, 'notice recipients re-pinged')
      await wakeMailWorker()
      for (const p of pinged) await enqueue(pushNoticeJob, p)
    }
  },
})

/** Push a notice to its unconfirmed recipients' devices (all of them, or the ones just re-pinged). */
export const pushNoticeJob = defineJob({
  name: 'notice.push',
  payload: z.object({ noticeId: z.uuid(), personIds: z.array(z.uuid()).optional() }),
  retryLimit: 2,
  async handler({ noticeId, personIds }) {
    const notice = await db().notice.findUnique({ where: { id: noticeId }, include: { sender: { select: { name: true } } } })
    if (!notice) return
    const unread = await db().noticeRecipient.findMany({
      where: { noticeId, confirmedAt: null, ...(personIds ? { personId: { in: personIds } } : {}) },
      select: { personId: true },
    })
    // Push where it is wanted; a normal notice does not wake anyone in their quiet hours.
    const preferences = await preferencesOf(db(), unread.map((u) => u.personId))
    const now = clock.now()
    const wanted = unread.map((u) => u.personId).filter((id) => {
      const pref = preferences.get(id)!
      return pref.pushEnabled && (notice.urgency !== 'NORMAL' || !isQuietAt(pref, now))
    })
    await sendPush(db(), wanted, {
      title: `${notice.urgency === 'EXTRA_URGENT' ? '【特急】' : notice.urgency === 'URGENT' ? '【加急】' : ''}${notice.title}`,
      body: `${notice.sender.name}：${notice.body.slice(0, 80)}`,
      url: `/notices/${notice.id}`,
      tag: `notice-${notice.id}`,
    })
  },
})
