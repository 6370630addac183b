import type { Tx } from '../core/db/index.ts'
import { config } from '../core/config.ts'
import { clock, shanghaiDate, shanghaiTime } from '../core/clock.ts'
import { createInboxItems } from '../inbox/index.ts'
import { queueMail, type NewMail } from '../mail/index.ts'
import { preferencesOf } from '../preferences/index.ts'

export type PushNote = { personIds: string[]; title: string; body: string; url: string; tag?: string }

/**
 * Tell people about their shifts on a roster: one 待阅 item each (the same item is never made twice),
 * mail to those who want it listing their own shifts with the link to their calendar feed (ICS), and a
 * push message (queued by the caller after commit). `objectId` says what changed: the roster when it is
 * published, an assignment when it changes afterwards.
 */
export async function notifyShifts(tx: Tx, input: {
  personIds: readonly string[]; objectType: 'DutyRoster' | 'DutyAssignment' | 'DutySwap'; objectId: string; rosterId: string
  title: string; source: string; unitId: string
}): Promise<PushNote | null> {
  const ids = [...new Set(input.personIds)]
  if (!ids.length) return null
  const url = `/duty/rosters/${input.rosterId}`
  await createInboxItems(tx, ids.map((personId) => ({ personId, kind: 'TO_READ', module: 'duty', objectType: input.objectType, objectId: input.objectId, title: input.title, source: input.source, url, unitId: input.unitId })))
  const [people, shifts, preferences] = await Promise.all([
    tx.person.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true, email: true } }),
    tx.dutyAssignment.findMany({ where: { rosterId: input.rosterId, personId: { in: ids } }, orderBy: { startsAt: 'asc' }, select: { personId: true, startsAt: true, endsAt: true, roleId: true } }),
    preferencesOf(tx, ids),
  ])
  const roles = new Map((await tx.dutyShiftRole.findMany({ where: { id: { in: [...new Set(shifts.map((s) => s.roleId))] } }, select: { id: true, name: true } })).map((r) => [r.id, r.name]))
  const base = config().PUBLIC_URL.replace(/\/$/, '')
  const mails: NewMail[] = []
  for (const p of people) {
    if (!p.email || !preferences.get(p.id)?.emailEnabled) continue
    const mine = shifts.filter((s) => s.personId === p.id).map((s) => `${shanghaiDate(s.startsAt)} ${shanghaiTime(s.startsAt)}–${shanghaiTime(s.endsAt)} ${roles.get(s.roleId) ?? ''}`)
    mails.push({
      to: p.email, toPersonId: p.id, subject: input.title,
      text: `${input.title}\n\n${input.source}\n\n您的值班：\n${mine.join('\n') || '（无）'}\n\n值班表：${base}${url}\n下载我的值班（ICS）：${base}/api/duty/ics\n在日历应用中订阅（我的日程的订阅地址已包含值班）：${base}/personal/calendar#feed\n\n——协同 政务协同办公平台`,
      notBefore: clock.now(),
    })
  }
  await queueMail(tx, mails)
  return { personIds: ids, title: input.title, body: input.source, url, tag: `duty-${input.rosterId}` }
}
