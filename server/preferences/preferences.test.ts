import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, minutes, days } from '../core/clock.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { sendNotice } from '../notices/index.ts'
import { sendDueDigests } from '../inbox/index.ts'
import { isQuietAt, quietEndsAt, updatePreferences, defaultPreferences } from './index.ts'

const beijing = (hhmm: string, date = '2026-11-23') => new Date(`${date}T${hhmm}:00+08:00`)

describe('quiet hours', () => {
  it('span midnight and end at the chosen minute, Beijing time', () => {
    const night = { quietStart: 22 * 60, quietEnd: 7 * 60 }
    expect(isQuietAt(night, beijing('21:59'))).toBe(false)
    expect(isQuietAt(night, beijing('23:30'))).toBe(true)
    expect(isQuietAt(night, beijing('06:59'))).toBe(true)
    expect(isQuietAt(night, beijing('07:00'))).toBe(false)
    expect(quietEndsAt(night, beijing('23:30'))).toEqual(beijing('07:00', '2026-11-24'))
    expect(quietEndsAt(night, beijing('12:00'))).toEqual(beijing('12:00'))
    expect(isQuietAt({ quietStart: null, quietEnd: null }, beijing('23:30'))).toBe(false)
  })
})

describe('notification preferences', () => {
  async function setup() {
    const { root, dept } = await buildTree()
    const sender = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['notice.send'], unit: root }] }))
    const sleeper = await buildPerson({ unit: dept, name: '夜里休息' })
    const noMail = await buildPerson({ unit: dept, name: '不收邮件' })
    for (const p of [sleeper, noMail]) await db().person.update({ where: { id: p.id }, data: { email: `${p.account}@example.gov.cn` } })
    await updatePreferences(db(), await actorFor(sleeper), { ...defaultPreferences, quietStart: 22 * 60, quietEnd: 7 * 60 })
    await updatePreferences(db(), await actorFor(noMail), { ...defaultPreferences, emailEnabled: false })
    return { dept, sender, sleeper, noMail }
  }

  it('hold a normal notice’s mail until quiet hours end; urgent ones go at once; e-mail off means none', async () => {
    clock.freeze(beijing('23:30'))
    const { dept, sender, sleeper, noMail } = await setup()
    await sendNotice(db(), sender, { title: '普通通知', body: '明天例会改到下午。', unitIds: [dept.id], urgency: 'NORMAL' }, buildContext())
    await sendNotice(db(), sender, { title: '特急通知', body: '立即到岗。', unitIds: [dept.id], urgency: 'EXTRA_URGENT' }, buildContext())
    const mails = await db().outboxMail.findMany({ where: { toPersonId: { in: [sleeper.id, noMail.id] } }, orderBy: { subject: 'asc' } })
    expect(mails.map((m) => [m.toPersonId, m.subject, m.nextAttemptAt.toISOString()])).toEqual([
      [sleeper.id, '【特急】特急通知', beijing('23:30').toISOString()],
      [sleeper.id, '普通通知', beijing('07:00', '2026-11-24').toISOString()],
    ])
    // The inbox gets everything regardless.
    expect(await db().inboxItem.count({ where: { personId: noMail.id } })).toBe(2)
  })

  it('send one daily digest of open items at the chosen time', async () => {
    clock.freeze(beijing('07:00'))
    const { dept, sender, sleeper } = await setup()
    const reader = await actorFor(sleeper)
    await updatePreferences(db(), reader, { ...defaultPreferences, digestEnabled: true, digestMinute: 8 * 60 })
    await sendNotice(db(), sender, { title: '请阅：季度工作安排', body: '…', unitIds: [dept.id], urgency: 'NORMAL' }, buildContext())
    const digests = () => db().outboxMail.findMany({ where: { toPersonId: sleeper.id, subject: { startsWith: '【协同】每日待办摘要' } } })
    clock.advance(minutes(59))
    await sendDueDigests(db())
    expect(await digests()).toHaveLength(0)
    clock.advance(minutes(1))
    await Promise.all([sendDueDigests(db()), sendDueDigests(db())])
    const [digest] = await digests()
    expect(digest!.subject).toBe('【协同】每日待办摘要：待办 0 项，待阅 1 项（2026-11-23）')
    expect(digest!.text).toContain('请阅：季度工作安排（待阅）')
    clock.advance(minutes(300))
    await sendDueDigests(db())
    expect(await digests()).toHaveLength(1)
    clock.advance(days(1))
    await sendDueDigests(db())
    expect(await digests()).toHaveLength(2)
  })
})
