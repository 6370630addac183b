import type { Db } from '../core/db/index.ts'
import { clock, hours } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { notifyInboxChanged } from '../core/events.ts'
import { queueMail } from '../mail/index.ts'
import { preferencesOf, quietEndsAt } from '../preferences/index.ts'

export const REMIND_BEFORE_MS = hours(2)

/**
 * Remind people of open 待办 items due within the next two hours, once per item: by mail (as their
 * preferences allow) and a nudge to the live badge. Returns the reminded item ids, for push.
 */
export async function remindDueItems(db: Db): Promise<{ personId: string; itemId: string; title: string; url: string }[]> {
  const now = clock.now()
  return db.$transaction(async (tx) => {
    // SKIP LOCKED: two workers split the items instead of reminding twice.
    const due = await tx.$queryRaw<{ id: string; personId: string; title: string; url: string; dueAt: Date; email: string | null }[]>`
      SELECT i.id, i."personId", i.title, i.url, i."dueAt", p.email
        FROM "InboxItem" i JOIN "Person" p ON p.id = i."personId"
       WHERE i.state = 'OPEN' AND i.kind = 'TODO' AND i."remindedAt" IS NULL AND p."isActive"
         AND i."dueAt" > ${now} AND i."dueAt" <= ${new Date(now.getTime() + REMIND_BEFORE_MS)}
       ORDER BY i."dueAt" LIMIT 1000
         FOR UPDATE OF i SKIP LOCKED`
    if (due.length === 0) return []
    await tx.inboxItem.updateMany({ where: { id: { in: due.map((d) => d.id) } }, data: { remindedAt: now } })
    const preferences = await preferencesOf(tx, [...new Set(due.map((d) => d.personId))])
    const base = config().PUBLIC_URL.replace(/\/$/, '')
    await queueMail(tx, due.flatMap((d) => {
      const pref = preferences.get(d.personId)!
      if (!d.email || !pref.emailEnabled) return []
      const at = d.dueAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      return [{ to: d.email, toPersonId: d.personId, subject: `【到期提醒】${d.title}`, text: `以下待办事项将于 ${at} 到期，请及时办理：\n\n${d.title}\n${base}${d.url}\n\n——协同 政务协同办公平台`, notBefore: quietEndsAt(pref, now) }]
    }))
    await notifyInboxChanged(tx, due.map((d) => d.personId))
    return due.map((d) => ({ personId: d.personId, itemId: d.id, title: d.title, url: d.url }))
  })
}
