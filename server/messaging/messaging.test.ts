import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days, minutes } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { listInbox } from '../inbox/index.ts'
import {
  changeMembers, createTopic, exportConversation, forwardMessage, purgeExpiredMessages, retentionDays, getMessageFile, uploadMessageFile, ensureUnitGroups, getConversation, listConversations, listMessages, markRead, messageReceipts,
  openDirect, openThread, recallMessage, searchMessages, sendMessage, unreadCounts,
} from './index.ts'

let n = 0
const cid = () => `client-${Date.now()}-${++n}`
const send = (actor: Awaited<ReturnType<typeof actorFor>>, conversationId: string, text: string, extra: Record<string, unknown> = {}) =>
  sendMessage(db(), actor, conversationId, { clientId: cid(), text, ...extra }, { publish: false })

async function people() {
  const tree = await buildTree()
  const [a, b, c] = await Promise.all([buildPerson({ unit: tree.dept, name: '张伟' }), buildPerson({ unit: tree.dept, name: '李娜' }), buildPerson({ unit: tree.sibling, name: '王芳' })])
  return { tree, a: await actorFor(a), b: await actorFor(b), c: await actorFor(c) }
}

describe('conversations and messages', () => {
  it('a one-to-one conversation: gapless sequences under concurrency, a retried send stored once, unread across devices', async () => {
    const { a, b, c } = await people()
    const { id } = await openDirect(db(), a, { personId: b.personId })
    expect((await openDirect(db(), b, { personId: a.personId })).id).toBe(id)
    const sends = await Promise.all(Array.from({ length: 20 }, (_, i) => send(a, id, `第${i}条`)))
    expect(sends.map((s) => s.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    // The same client id twice, at once: one row.
    const clientId = cid()
    const [r1, r2] = await Promise.all([sendMessage(db(), a, id, { clientId, text: '重发' }, { publish: false }), sendMessage(db(), a, id, { clientId, text: '重发' }, { publish: false })])
    expect(r1.message.id).toBe(r2.message.id)
    expect([r1.duplicate, r2.duplicate].sort()).toEqual([false, true])
    expect(await db().message.count({ where: { conversationId: id } })).toBe(21)

    const history = await listMessages(db(), a, id, { limit: 10 })
    expect(history.map((m) => m.seq)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20, 21])
    expect((await listMessages(db(), a, id, { before: 12, limit: 5 })).map((m) => m.seq)).toEqual([7, 8, 9, 10, 11])
    expect((await listMessages(db(), a, id, { after: 19, limit: 5 })).map((m) => m.seq)).toEqual([20, 21])

    // b reads on one device up to 15: every device of b's sees 6 unread; a sees b's receipt.
    await markRead(db(), b, id, 15)
    await markRead(db(), b, id, 3) // never backwards
    const bDevice2 = await actorFor({ id: b.personId, name: b.name, account: b.account })
    expect((await unreadCounts(db(), bDevice2)).byConversation[id]).toBe(6)
    expect((await listConversations(db(), b)).find((x) => x.id === id)).toMatchObject({ unread: 6, title: '张伟', last: { text: '重发' } })
    const receipts = await messageReceipts(db(), a, r1.message.id)
    expect(receipts.unread.map((p) => p.name)).toEqual(['李娜'])

    // Not a member: nothing by id, history, search or receipts.
    await expectAppError(getConversation(db(), c, id), 'not_found')
    await expectAppError(listMessages(db(), c, id, { limit: 10 }), 'not_found')
    await expectAppError(send(c, id, '你好'), 'not_found')
    await expectAppError(messageReceipts(db(), c, r1.message.id), 'not_found')
    expect((await searchMessages(db(), c, { q: '重发' })).results).toEqual([])
    expect((await listConversations(db(), c)).map((x) => x.id)).not.toContain(id)
  })

  it('topic groups: owners add and remove; a removed member loses history; mentions become 待阅; recall within 2 minutes', async () => {
    const { a, b, c } = await people()
    const { id } = await createTopic(db(), a, { title: '预算编制专班', memberIds: [b.personId] }, buildContext())
    await expectAppError(changeMembers(db(), b, id, { add: [c.personId], remove: [] }, buildContext()), 'messaging.not_owner')
    await changeMembers(db(), a, id, { add: [c.personId], remove: [] }, buildContext())
    const m = await send(a, id, '@李娜 请看2026年预算', { mentionIds: [b.personId] })
    const { items } = await listInbox(db(), b.personId, { view: 'toread' })
    expect(items.find((i) => i.objectId === m.message.id)).toMatchObject({ url: `/messages/${id}?seq=1` })
    expect((await searchMessages(db(), c, { q: '预算' })).results.map((r) => r.id)).toEqual([m.message.id])
    expect((await searchMessages(db(), c, { q: '2026年预算' })).results.map((r) => r.id)).toEqual([m.message.id])

    await changeMembers(db(), a, id, { add: [], remove: [c.personId] }, buildContext())
    await expectAppError(listMessages(db(), c, id, { limit: 10 }), 'not_found')
    expect((await searchMessages(db(), c, { q: '预算' })).results).toEqual([])

    // @所有人 only for owners: a non-owner's is sent as a plain message.
    const plain = await send(b, id, '大家好', { mentionAll: true })
    expect(plain.message.mentionAll).toBe(false)

    // Recall: not by others, not after two minutes.
    await expectAppError(recallMessage(db(), b, m.message.id, buildContext()), 'not_found')
    await recallMessage(db(), a, m.message.id, buildContext())
    const [recalled] = await listMessages(db(), b, id, { limit: 1, before: 2 })
    expect(recalled).toMatchObject({ recalled: true, text: '' })
    expect((await db().message.findUnique({ where: { id: m.message.id } }))!.text).toContain('预算')
    expect((await searchMessages(db(), b, { q: '预算' })).results).toEqual([])
    const late = await send(a, id, '稍后撤回')
    clock.freeze(new Date(clock.now().getTime() + minutes(3)))
    try {
      await expectAppError(recallMessage(db(), a, late.message.id, buildContext()), 'messaging.recall_expired')
    } finally {
      clock.reset()
    }
  })

  it('unit groups follow the directory, 兼职 included', async () => {
    const { tree, a, b, c } = await people()
    await ensureUnitGroups(db(), a)
    const group = await db().conversation.findUniqueOrThrow({ where: { unitId: tree.dept.id } })
    await send(a, group.id, '本周会议安排')
    expect((await getConversation(db(), b, group.id)).members.map((m) => m.name).sort()).toEqual(['张伟', '李娜'].sort())
    await expectAppError(getConversation(db(), c, group.id), 'not_found')
    // 王芳 takes a second post (兼职) in the department: she is in; the post ends: she is out.
    await db().post.create({ data: { personId: c.personId, unitId: tree.dept.id, title: '兼职科员' } })
    expect((await searchMessages(db(), c, { q: '会议' })).results).toHaveLength(1)
    await db().post.delete({ where: { personId_unitId: { personId: c.personId, unitId: tree.dept.id } } })
    await expectAppError(listMessages(db(), c, group.id, { limit: 5 }), 'not_found')
  })

  it('a document thread holds exactly who may see the document, by the documents policy', async () => {
    const { a, b, c } = await people()
    const organ = await buildUnit({ organCode: `测${Date.now() % 100000}` })
    const doc = await db().document.create({ data: { direction: 'OUTGOING', kind: 'NOTICE', title: '关于开展督查的通知', organId: organ.id, unitId: organ.id, createdById: a.personId, collaboratorIds: [b.personId] } })
    await expectAppError(openThread(db(), c, 'DOCUMENT', doc.id), 'not_found')
    const { id } = await openThread(db(), b, 'DOCUMENT', doc.id)
    expect((await openThread(db(), a, 'DOCUMENT', doc.id)).id).toBe(id)
    const view = await getConversation(db(), a, id)
    expect(view).toMatchObject({ kind: 'DOCUMENT', title: '关于开展督查的通知' })
    expect(view.members.map((m) => m.personId).sort()).toEqual([a.personId, b.personId].sort())
    await send(b, id, '附件PDF已更新')
    expect((await searchMessages(db(), b, { q: 'pdf' })).results).toHaveLength(1)
    await expectAppError(listMessages(db(), c, id, { limit: 5 }), 'not_found')
    // b is no longer a co-drafter: the thread is gone for b.
    await db().document.update({ where: { id: doc.id }, data: { collaboratorIds: [] } })
    await expectAppError(listMessages(db(), b, id, { limit: 5 }), 'not_found')
    expect((await searchMessages(db(), b, { q: 'pdf' })).results).toEqual([])
    expect((await listConversations(db(), b)).map((x) => x.id)).not.toContain(id)
  })

  it('images and files: checked by their bytes, thumbnails, members only, downloads audited, recalled files gone; forwarding copies', async () => {
    const { a, b, c } = await people()
    const { id } = await createTopic(db(), a, { title: '材料', memberIds: [b.personId] }, buildContext())
    const png = new Uint8Array(await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c8161d' } }).png().toBuffer())
    await expectAppError(uploadMessageFile(db(), a, id, { name: '照片.png', data: new TextEncoder().encode('not a png at all') }), 'document.attachment_content')
    await expectAppError(uploadMessageFile(db(), a, id, { name: '脚本.exe', data: png }), 'document.attachment_type')
    await expectAppError(uploadMessageFile(db(), c, id, { name: '照片.png', data: png }), 'not_found')
    const image = await uploadMessageFile(db(), a, id, { name: '现场照片.png', data: png })
    expect(image).toMatchObject({ contentType: 'image/png', hasThumbnail: true })
    const sent = await send(a, id, '', { fileId: image.id })
    expect(sent.message).toMatchObject({ kind: 'IMAGE', file: { name: '现场照片.png', hasThumbnail: true } })
    const thumb = await getMessageFile(db(), b, image.id, { thumbnail: true }, buildContext())
    expect((await sharp(thumb.data).metadata()).width).toBe(360)
    const full = await getMessageFile(db(), b, image.id, { thumbnail: false }, buildContext())
    expect(full.data.length).toBe(png.length)
    expect(await db().auditEvent.count({ where: { action: 'messaging.file_download', objectId: image.id, actorId: b.personId } })).toBe(1)
    await expectAppError(getMessageFile(db(), c, image.id, { thumbnail: true }, buildContext()), 'not_found')
    expect((await searchMessages(db(), b, { q: '照片' })).results.map((r) => r.id)).toEqual([sent.message.id])

    // Forwarded to a one-to-one conversation: the file is copied there; the original stays the group's.
    const direct = await openDirect(db(), b, { personId: c.personId })
    const fwd = await forwardMessage(db(), b, sent.message.id, { toConversationId: direct.id, clientId: cid() })
    expect(fwd.message).toMatchObject({ forwarded: true, kind: 'IMAGE' })
    expect(fwd.message.file!.id).not.toBe(image.id)
    expect((await getMessageFile(db(), c, fwd.message.file!.id, { thumbnail: true }, buildContext())).contentType).toBe('image/jpeg')
    await expectAppError(getMessageFile(db(), c, image.id, { thumbnail: false }, buildContext()), 'not_found')

    await recallMessage(db(), a, sent.message.id, buildContext())
    await expectAppError(getMessageFile(db(), b, image.id, { thumbnail: true }, buildContext()), 'not_found')
    await expectAppError(forwardMessage(db(), b, sent.message.id, { toConversationId: direct.id, clientId: cid() }), 'not_found')
  })

  it('retention: nothing goes before 180 days; a kind’s setting decides after; an auditor exports the full record, audited', async () => {
    const { tree, a, b, c } = await people()
    expect(() => retentionDays('DIRECT=30')).toThrow()
    expect(retentionDays('TOPIC=400')).toMatchObject({ DIRECT: 180, TOPIC: 400 })
    const start = clock.now()
    try {
      clock.freeze(start)
      const { id } = await openDirect(db(), a, { personId: b.personId })
      const old = await send(a, id, '很久以前的消息')
      const recalled = await send(a, id, '发错了')
      await recallMessage(db(), a, recalled.message.id, buildContext())
      clock.freeze(new Date(start.getTime() + days(179)))
      await purgeExpiredMessages(db())
      expect(await db().message.count({ where: { conversationId: id } })).toBe(2)

      // The auditor (audit.view over the whole platform) exports everything, recalled included; members cannot.
      const auditor = await actorFor(await buildPerson({ unit: tree.root, name: '审计员', grants: [{ permissions: ['audit.view'], unit: tree.root }] }))
      await expectAppError(exportConversation(db(), a, id, buildContext()), 'not_found')
      const record = await exportConversation(db(), auditor, id, buildContext())
      expect(record.messages.map((m) => [m.text, !!m.recalledAt])).toEqual([['很久以前的消息', false], ['发错了', true]])
      expect(await db().auditEvent.count({ where: { action: 'messaging.export', objectId: id } })).toBe(1)

      clock.freeze(new Date(start.getTime() + days(181)))
      const fresh = await send(c, (await openDirect(db(), c, { personId: a.personId })).id, '新消息')
      await purgeExpiredMessages(db())
      expect(await db().message.findUnique({ where: { id: old.message.id } })).toBeNull()
      expect(await db().message.findUnique({ where: { id: fresh.message.id } })).not.toBeNull()
    } finally {
      clock.reset()
    }
  })
})
