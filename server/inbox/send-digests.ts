import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { queueMail } from '../mail/index.ts'
import { beijingClock } from '../preferences/index.ts'

/**
 * Queue today's digest for everyone whose chosen time has come and who has not had one today.
 * Claiming a person is a conditional update, so two workers never send the same digest twice.
 * People with nothing open get no mail.
 */
export async function sendDueDigests(db: Db): Promise<number> {
  const now = clock.now()
  const { minuteOfDay, date } = beijingClock(now)
  const due = await db.notificationPreference.findMany({
    where: {
      digestEnabled: true, emailEnabled: true, digestMinute: { lte: minuteOfDay },
      OR: [{ lastDigestOn: null }, { lastDigestOn: { not: date } }],
      person: { isActive: true, email: { not: null } },
    },
    select: { personId: true, person: { select: { name: true, email: true } } },
    take: 2000,
  })
  let queued = 0
  const link = `${config().PUBLIC_URL.replace(/\/$/, '')}/inbox`
  for (const d of due) {
    queued += await db.$transaction(async (tx) => {
      const claimed = await tx.notificationPreference.updateMany({
        where: { personId: d.personId, OR: [{ lastDigestOn: null }, { lastDigestOn: { not: date } }] },
        data: { lastDigestOn: date },
      })
      if (!claimed.count) return 0
      const open = await tx.inboxItem.findMany({
        where: { personId: d.personId, state: 'OPEN' },
        orderBy: [{ urgency: 'desc' }, { createdAt: 'desc' }],
        take: 10,
        select: { kind: true, title: true, urgency: true, dueAt: true },
      })
      if (open.length === 0) return 0
      const counts = await tx.inboxItem.groupBy({ by: ['kind'], where: { personId: d.personId, state: 'OPEN' }, _count: { _all: true } })
      const todo = counts.find((c) => c.kind === 'TODO')?._count._all ?? 0
      const toread = counts.find((c) => c.kind === 'TO_READ')?._count._all ?? 0
      const lines = open.map((i) => `· ${i.urgency === 'EXTRA_URGENT' ? '【特急】' : i.urgency === 'URGENT' ? '【加急】' : ''}${i.title}${i.kind === 'TODO' ? '（待办）' : '（待阅）'}`)
      await queueMail(tx, [{
        to: d.person.email!, toPersonId: d.personId,
        subject: `【协同】每日待办摘要：待办 ${todo} 项，待阅 ${toread} 项（${date}）`,
        text: `${d.person.name}，您好：\n\n您目前有待办 ${todo} 项、待阅 ${toread} 项。最需要处理的是：\n\n${lines.join('\n')}\n\n打开待办事项：${link}\n\n——协同 政务协同办公平台（可在“我的 › 通知设置”中关闭每日摘要）`,
      }])
      return 1
    })
  }
  return queued
}
