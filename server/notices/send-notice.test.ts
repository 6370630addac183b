import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { countOpenInbox, listInbox } from '../inbox/index.ts'
import { confirmNotice, noticeReceipts, openNotice, repingDueNotices, repingUnread, sendNotice } from './index.ts'

async function setup() {
  const tree = await buildTree()
  const sender = await buildPerson({ unit: tree.root, name: '陈市长', grants: [{ permissions: ['notice.send'], unit: tree.root }] })
  await db().person.update({ where: { id: sender.id }, data: { email: 'mayor@example.gov.cn' } })
  const a = await buildPerson({ unit: tree.dept, name: '甲' })
  const b = await buildPerson({ unit: tree.division, name: '乙' })
  const inactive = await buildPerson({ unit: tree.division, name: '丙', isActive: false })
  const outsider = await buildPerson({ unit: tree.sibling, name: '丁' })
  for (const p of [a, b, inactive, outsider]) await db().person.update({ where: { id: p.id }, data: { email: `${p.account}@example.gov.cn` } })
  return { ...tree, sender: await actorFor(sender), a, b, inactive, outsider }
}

const notice = { title: '关于做好防汛工作的紧急通知', body: '请各单位立即部署防汛工作。' }

describe('urgent notices', () => {
  it('reach every active person in the units and below: inbox item and queued mail, in one transaction', async () => {
    const { sender, dept, a, b, inactive, outsider } = await setup()
    const sent = await sendNotice(db(), sender, { ...notice, unitIds: [dept.id] }, buildContext())
    expect(sent).toMatchObject({ recipients: 2, mails: 2 })
    for (const p of [a, b]) {
      const { items } = await listInbox(db(), p.id, { view: 'toread' })
      expect(items).toMatchObject([{ title: notice.title, url: `/notices/${sent.id}`, urgency: 'URGENT', source: expect.stringContaining('陈市长') }])
    }
    for (const p of [inactive, outsider]) expect(await countOpenInbox(db(), p.id)).toEqual({ todo: 0, toread: 0 })
    const mails = await db().outboxMail.findMany({ where: { toPersonId: { in: [a.id, b.id] } } })
    expect(mails.map((m) => m.subject)).toEqual([`【加急】${notice.title}`, `【加急】${notice.title}`])
    expect(mails[0]!.text).toContain(`/notices/${sent.id}`)
    expect(await db().auditEvent.count({ where: { action: 'notice.send', objectId: sent.id } })).toBe(1)
  })

  it('records who opened it; only 确认收到 clears the 待阅 item; the sender sees who opened and who confirmed', async () => {
    const { sender, dept, a, b } = await setup()
    const sent = await sendNotice(db(), sender, { ...notice, unitIds: [dept.id] }, buildContext())
    const opened = await openNotice(db(), await actorFor(a), sent.id)
    expect(opened).toMatchObject({ isRecipient: true, myConfirmedAt: null })
    expect(opened.myReadAt).toBeInstanceOf(Date)
    // Opening is 已读, not a receipt: the item stays in 待阅.
    expect(await countOpenInbox(db(), a.id)).toEqual({ todo: 0, toread: 1 })
    // Opening again keeps the first read time.
    expect((await openNotice(db(), await actorFor(a), sent.id)).myReadAt).toEqual(opened.myReadAt)
    let receipts = await noticeReceipts(db(), sender, sent.id)
    expect(receipts.read.map((r) => r.personId)).toEqual([a.id])
    expect(receipts.openedOnly.map((r) => r.personId)).toEqual([a.id])
    expect(receipts.confirmed).toEqual([])
    expect(receipts.unread.map((r) => r.personId)).toEqual([b.id])

    const { confirmedAt } = await confirmNotice(db(), await actorFor(a), sent.id, buildContext())
    expect(await countOpenInbox(db(), a.id)).toEqual({ todo: 0, toread: 0 })
    expect((await listInbox(db(), a.id, { view: 'done' })).items).toHaveLength(1)
    expect((await confirmNotice(db(), await actorFor(a), sent.id, buildContext())).confirmedAt).toEqual(confirmedAt)
    expect((await openNotice(db(), await actorFor(a), sent.id)).myConfirmedAt).toEqual(confirmedAt)
    // Confirming without opening first counts as opened too.
    await confirmNotice(db(), await actorFor(b), sent.id, buildContext())
    receipts = await noticeReceipts(db(), sender, sent.id)
    expect(receipts.confirmed.map((r) => r.personId).sort()).toEqual([a.id, b.id].sort())
    expect(receipts.unread).toEqual([])
    expect(await db().auditEvent.count({ where: { action: 'notice.confirm', objectId: sent.id } })).toBe(2)
    // Only recipients confirm; only the sender sees receipts; strangers do not even see the notice.
    await expectAppError(confirmNotice(db(), sender, sent.id, buildContext()), 'not_found')
    await expectAppError(noticeReceipts(db(), await actorFor(a), sent.id), 'not_found')
    const { outsider } = await setup()
    await expectAppError(openNotice(db(), await actorFor(outsider), sent.id), 'not_found')
    await expectAppError(confirmNotice(db(), await actorFor(outsider), sent.id, buildContext()), 'not_found')
  })

  it('refuses empty notices, notices to nobody, and units or people outside the sender’s scope', async () => {
    const { sender, dept, root } = await setup()
    await expectAppError(sendNotice(db(), sender, { title: ' ', body: 'x', unitIds: [dept.id] }, buildContext()), 'notice.empty')
    await expectAppError(sendNotice(db(), sender, { ...notice }, buildContext()), 'notice.no_recipients')
    const empty = await buildUnit({ parent: dept })
    await expectAppError(sendNotice(db(), sender, { ...notice, unitIds: [empty.id] }, buildContext()), 'notice.no_recipients')
    const elsewhere = await buildUnit({ name: '别的市' })
    const stranger = await buildPerson({ unit: elsewhere })
    await expectAppError(sendNotice(db(), sender, { ...notice, unitIds: [elsewhere.id] }, buildContext()), 'notice.unit_not_addressable')
    await expectAppError(sendNotice(db(), sender, { ...notice, personIds: [stranger.id] }, buildContext()), 'notice.person_not_addressable')
    const clerk = await actorFor(await buildPerson({ unit: root }))
    await expectAppError(sendNotice(db(), clerk, { ...notice, unitIds: [dept.id] }, buildContext()), 'forbidden')
    expect(await db().notice.count({ where: { senderId: sender.personId } })).toBe(0)
  })

  // Sweeps are global; each test looks at its own recipients' ping counts, not at the sweep's total.
  it('re-pings recipients who have not confirmed after the interval, a bounded number of times', async () => {
    clock.freeze(new Date('2026-11-23T02:00:00Z'))
    const { sender, dept, a, b } = await setup()
    const sent = await sendNotice(db(), sender, { ...notice, unitIds: [dept.id], repingMinutes: 30, repingMax: 2 }, buildContext())
    await confirmNotice(db(), await actorFor(a), sent.id, buildContext())
    // b only opens it: opening is not confirming, so b is still reminded.
    await openNotice(db(), await actorFor(b), sent.id)
    const pings = async () => Object.fromEntries((await db().noticeRecipient.findMany({ where: { noticeId: sent.id } })).map((r) => [r.personId, r.pingCount]))
    clock.advance(minutes(29))
    await repingDueNotices(db())
    expect(await pings()).toEqual({ [a.id]: 0, [b.id]: 0 })
    clock.advance(minutes(1))
    await repingDueNotices(db())
    expect(await pings()).toEqual({ [a.id]: 0, [b.id]: 1 })
    await repingDueNotices(db()) // not again within the interval
    expect((await pings())[b.id]).toBe(1)
    clock.advance(minutes(30))
    await repingDueNotices(db())
    expect((await pings())[b.id]).toBe(2)
    clock.advance(minutes(300))
    await repingDueNotices(db()) // the maximum is reached
    expect((await pings())[b.id]).toBe(2)
    const subjects = (await db().outboxMail.findMany({ where: { toPersonId: b.id }, orderBy: { createdAt: 'asc' } })).map((m) => m.subject)
    expect(subjects).toHaveLength(3)
    expect(subjects[2]).toContain('第 3 次提醒')
    expect(await db().outboxMail.count({ where: { toPersonId: a.id } })).toBe(1)
    // The sender can still remind by hand.
    expect(await repingUnread(db(), sender, sent.id, buildContext())).toBe(1)
    await expectAppError(repingUnread(db(), await actorFor(b), sent.id, buildContext()), 'not_found')
  })

  it('keeps a later-deactivated recipient’s history but sends them nothing new', async () => {
    clock.freeze(new Date('2026-11-23T02:00:00Z'))
    const { sender, dept, b } = await setup()
    const sent = await sendNotice(db(), sender, { ...notice, unitIds: [dept.id] }, buildContext())
    await db().person.update({ where: { id: b.id }, data: { isActive: false } })
    clock.advance(minutes(31))
    const before = await db().outboxMail.count({ where: { toPersonId: b.id } })
    await repingDueNotices(db())
    expect(await db().outboxMail.count({ where: { toPersonId: b.id } })).toBe(before)
    expect((await noticeReceipts(db(), sender, sent.id)).unread.map((r) => r.personId)).toContain(b.id)
  })

  it('two sweeps at once ping each recipient once', async () => {
    clock.freeze(new Date('2026-11-23T02:00:00Z'))
    const { sender, dept } = await setup()
    await sendNotice(db(), sender, { ...notice, unitIds: [dept.id], repingMinutes: 10, repingMax: 5 }, buildContext())
    clock.advance(minutes(10))
    await Promise.all([repingDueNotices(db()), repingDueNotices(db())])
    const recipients = await db().noticeRecipient.findMany({ where: { notice: { senderId: sender.personId } } })
    expect(recipients.map((r) => r.pingCount)).toEqual([1, 1])
  })
})
