import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, fromShanghai } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { createMeeting, createRoom } from '../meetings/index.ts'
import { createItem } from '../supervision/index.ts'
import { getConversation, listConversations, listMessages, openThread, searchMessages, sendMessage, sendMessageAsNotice } from './index.ts'
import { listInbox } from '../inbox/index.ts'

afterEach(() => clock.reset())
const context = buildContext()
const send = (actor: Awaited<ReturnType<typeof actorFor>>, conversationId: string, text: string) =>
  sendMessage(db(), actor, conversationId, { clientId: `c-${Math.random()}`, text }, { publish: false })
const names = async (actor: Awaited<ReturnType<typeof actorFor>>, id: string) => (await getConversation(db(), actor, id)).members.map((m) => m.name).sort()

describe('threads on meetings and supervision items', () => {
  it("a meeting's thread holds exactly the meeting's audience, computed: an invitation removed takes the person out", async () => {
    clock.freeze(fromShanghai('2026-12-01', '09:00'))
    const tree = await buildTree()
    const officer = await buildPerson({ unit: tree.root, name: '会务秘书', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] })
    const chair = await buildPerson({ unit: tree.root, name: '主持人', leaderRank: 'PRINCIPAL' })
    const guest = await buildPerson({ unit: tree.dept, name: '参会人' })
    const outsider = await actorFor(await buildPerson({ unit: tree.sibling, name: '局外人' }))
    const office = await actorFor(officer)
    const room = await createRoom(db(), office, { unitId: tree.root.id, name: '第一会议室', location: '3楼', capacity: 20, equipment: [] }, context)
    const meeting = await createMeeting(db(), office, {
      title: '专题协调会', kind: 'ROOM', chairId: chair.id, startsAt: fromShanghai('2026-12-03', '09:30'), endsAt: fromShanghai('2026-12-03', '10:30'),
      roomId: room.id, personIds: [guest.id],
    }, context)
    const meetingId = (meeting as { id: string }).id
    const guestActor = await actorFor(guest)

    await expectAppError(openThread(db(), outsider, 'MEETING', meetingId), 'not_found')
    const { id } = await openThread(db(), guestActor, 'MEETING', meetingId)
    expect((await openThread(db(), office, 'MEETING', meetingId)).id).toBe(id)
    expect(await names(guestActor, id)).toEqual(['主持人', '会务秘书', '参会人'].sort())
    const detail = await getConversation(db(), guestActor, id)
    expect(detail).toMatchObject({ kind: 'MEETING', title: '专题协调会', object: { kind: 'MEETING', id: meetingId, href: `/meetings/${meetingId}` } })

    await send(office, id, '请提前十分钟到场')
    expect((await listConversations(db(), guestActor)).find((c) => c.id === id)).toMatchObject({ title: '专题协调会', unread: 1 })
    expect((await searchMessages(db(), guestActor, { q: '到场' })).results.map((r) => r.conversationTitle)).toEqual(['专题协调会'])
    await expectAppError(getConversation(db(), outsider, id), 'not_found')
    expect((await searchMessages(db(), outsider, { q: '到场' })).results).toEqual([])

    // Nothing was copied: the invitation gone, the guest is out of the thread at once.
    await db().meetingInvitee.deleteMany({ where: { meetingId, personId: guest.id } })
    await expectAppError(getConversation(db(), guestActor, id), 'not_found')
    expect((await listConversations(db(), guestActor)).map((c) => c.id)).not.toContain(id)
    expect(await names(office, id)).toEqual(['主持人', '会务秘书'].sort())
  })

  it("a supervision item's thread holds its office, the assigned unit (divisions included) and the leader in charge — not another unit", async () => {
    const tree = await buildTree()
    const officeUnit = await buildUnit({ parent: tree.root, name: `督查室${Math.random()}` })
    const officer = await actorFor(await buildPerson({ unit: officeUnit, name: '督查员', grants: [{ permissions: ['supervision.manage'], unit: officeUnit }] }))
    const head = await actorFor(await buildPerson({ unit: tree.dept, name: '局长', leaderRank: 'PRINCIPAL' }))
    const owner = await actorFor(await buildPerson({ unit: tree.division, name: '科员' }))
    const other = await actorFor(await buildPerson({ unit: tree.sibling, name: '别局' }))
    const leaderPerson = await buildPerson({ unit: tree.root, name: '分管领导', leaderRank: 'DEPUTY' })
    await db().leaderCharge.create({ data: { personId: leaderPerson.id, unitId: tree.dept.id } })
    const leader = await actorFor(leaderPerson)
    const { id: itemId } = await createItem(db(), officer, { title: '优化营商环境', deadline: '2027-01-31', leadUnitId: tree.dept.id }, context)

    await expectAppError(openThread(db(), other, 'SUPERVISION', itemId), 'not_found')
    const { id } = await openThread(db(), owner, 'SUPERVISION', itemId)
    expect(await names(leader, id)).toEqual(['督查员', '局长', '科员', '分管领导'].sort())
    await send(head, id, '本周五前报送进展')
    expect((await listConversations(db(), officer)).find((c) => c.id === id)).toMatchObject({ title: '优化营商环境', unread: 1 })
    await expectAppError(getConversation(db(), other, id), 'not_found')
    expect((await searchMessages(db(), other, { q: '进展' })).results).toEqual([])
    await expectAppError(openThread(db(), owner, 'SUPERVISION', 'not-a-uuid'), 'not_found')
  })
})

describe('必达 from a message', () => {
  it('the sender sends their message as an urgent notice to the other members, once, with receipts; others may not', async () => {
    const tree = await buildTree()
    const leader = await actorFor(await buildPerson({ unit: tree.root, name: '领导', grants: [{ permissions: ['notice.send'], unit: tree.root }] }))
    const [x, y] = await Promise.all([buildPerson({ unit: tree.dept, name: '甲' }), buildPerson({ unit: tree.division, name: '乙' })])
    const { createTopic } = await import('./index.ts')
    const { id } = await createTopic(db(), leader, { title: '防汛工作群', memberIds: [x.id, y.id] }, context)
    const { message } = await send(leader, id, '今晚 20:00 前各单位上报值守人员名单')
    const xActor = await actorFor(x)
    const { message: theirs } = await send(xActor, id, '收到')

    // Only the sender, and only with notice.send.
    await expectAppError(sendMessageAsNotice(db(), leader, theirs.id, {}, context), 'not_found')
    await expectAppError(sendMessageAsNotice(db(), xActor, theirs.id, {}, context), 'forbidden')

    // Twice at once: one notice; the other refused and undone.
    const results = await Promise.allSettled([sendMessageAsNotice(db(), leader, message.id, {}, context), sendMessageAsNotice(db(), leader, message.id, {}, context)])
    const done = results.filter((r) => r.status === 'fulfilled')
    expect(done).toHaveLength(1)
    expect(await db().notice.count({ where: { senderId: leader.personId } })).toBe(1)
    const { noticeId, recipients } = (done[0] as PromiseFulfilledResult<{ noticeId: string; recipients: number }>).value
    expect(recipients).toBe(2)
    const rows = await db().noticeRecipient.findMany({ where: { noticeId }, select: { personId: true } })
    expect(rows.map((r) => r.personId).sort()).toEqual([x.id, y.id].sort())
    expect((await listMessages(db(), xActor, id, { limit: 10 })).find((m) => m.id === message.id)?.noticeId).toBe(noticeId)
    const items = await listInbox(db(), x.id, { view: 'toread' })
    expect(items.items.some((i) => i.objectId === noticeId && i.title.startsWith('今晚 20:00'))).toBe(true)
    await expectAppError(sendMessageAsNotice(db(), leader, message.id, {}, context), 'messaging.already_notice')
  })
})
