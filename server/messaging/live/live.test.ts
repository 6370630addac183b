import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { db } from '../../core/db/index.ts'
import { until as waitUntil } from '../../test/until.ts'
import { actorFor, buildContext, buildPerson, buildSession, buildTree, buildUnit } from '../../test/factories.ts'
import { signTicket, ticketSecret } from '../../realtime-tickets/index.ts'
import { createMeeting, createRoom } from '../../meetings/index.ts'
import { createItem } from '../../supervision/index.ts'
import { changeMembers, closeMessagingPublisher, createTopic, ensureUnitGroups, openThread, sendMessage } from '../index.ts'
import { MESSAGING_SOCKET_PATH, MESSAGING_TICKET_DOC } from '../ticket.ts'
import { startMessagingHub, type MessagingHub } from './hub.ts'

// Two instances (hubs on their own HTTP servers) on one database and the machine's Redis, with a
// channel prefix of this file's own.
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const redisPrefix = `xietong-test:${randomUUID()}:`
const until = (condition: () => boolean | Promise<boolean>) => waitUntil(condition, 10_000)

type Instance = { hub: MessagingHub; server: http.Server; port: number }
const instances: Instance[] = []
async function instance(recheckMs = 60_000): Promise<Instance> {
  const hub = await startMessagingHub({ db: db(), redisUrl, redisPrefix, recheckMs })
  const server = http.createServer((_req, res) => res.writeHead(404).end())
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const i = { hub, server, port: (server.address() as { port: number }).port }
  instances.push(i)
  return i
}
afterAll(async () => {
  for (const i of instances) {
    await i.hub.close()
    await new Promise<void>((resolve) => i.server.close(() => resolve()))
  }
  await closeMessagingPublisher()
})

type Frame = { t: string; m?: { seq: number; text: string; conversationId: string }; c?: string }
/** A socket like the browser's: hello with what it has seen, and every frame kept. */
async function connect(i: Instance, personId: string, since: Record<string, number>, options: { origin?: string; sessionId?: string } = {}) {
  const sessionId = options.sessionId ?? (await buildSession(personId))
  const ticket = signTicket(await ticketSecret(db()), { doc: MESSAGING_TICKET_DOC, personId, sessionId, name: '测试', right: 'read' })
  const ws = new WebSocket(`ws://127.0.0.1:${i.port}${MESSAGING_SOCKET_PATH}?ticket=${encodeURIComponent(ticket)}`, { headers: { origin: options.origin ?? `http://127.0.0.1:${i.port}` } })
  const frames: Frame[] = []
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
  ws.send(JSON.stringify({ t: 'hello', since }))
  await until(() => frames.some((f) => f.t === 'ready'))
  return { ws, frames, sessionId, seqs: (c: string) => frames.filter((f) => f.t === 'msg' && f.m!.conversationId === c).map((f) => f.m!.seq) }
}

async function group() {
  const tree = await buildTree()
  const [a, b, c] = await Promise.all(['张伟', '李娜', '王芳'].map((name) => buildPerson({ unit: tree.dept, name })))
  const owner = await actorFor(a!)
  const { id } = await createTopic(db(), owner, { title: '专班', memberIds: [b!.id, c!.id] }, buildContext())
  return { owner, b: await actorFor(b!), c: await actorFor(c!), id }
}

let n = 0
const say = (actor: Awaited<ReturnType<typeof actorFor>>, id: string, text: string) => sendMessage(db(), actor, id, { clientId: `live-${Date.now()}-${++n}`, text })

describe('live delivery', () => {
  it('refuses a socket without a valid ticket or from another origin', async () => {
    const i = await instance()
    const { b } = await group()
    await expect(connect(i, b.personId, {}, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403')
    const bad = new WebSocket(`ws://127.0.0.1:${i.port}${MESSAGING_SOCKET_PATH}?ticket=forged.x`, { headers: { origin: `http://127.0.0.1:${i.port}` } })
    await expect(new Promise((_, reject) => bad.once('unexpected-response', (_r, res) => reject(new Error(`HTTP ${res.statusCode}`))))).rejects.toThrow('HTTP 401')
  })

  it('across two instances on Redis: live, then a reconnect gets each missed message exactly once, in order', async () => {
    const [one, two] = [await instance(), await instance()]
    const { owner, b, id } = await group()
    const first = await connect(two, b.personId, {})
    await say(owner, id, '第一条') // sent through instance one's Redis publisher; b is on instance two
    await until(() => first.seqs(id).length === 1)
    first.ws.close()
    // While b is away: ten messages, sent concurrently.
    await Promise.all(Array.from({ length: 10 }, (_, k) => say(owner, id, `离线${k}`)))
    const again = await connect(one, b.personId, { [id]: 1 })
    await until(() => again.seqs(id).length === 10)
    // Live ones keep coming, and a publish that duplicates a filled message is dropped.
    await Promise.all(Array.from({ length: 5 }, (_, k) => say(owner, id, `在线${k}`)))
    await until(() => again.seqs(id).length === 15)
    expect(again.seqs(id)).toEqual(Array.from({ length: 15 }, (_, k) => k + 2))
    again.ws.close()
    // Closed sockets leave nothing behind in either hub's maps.
    await until(() => [one, two].every((i) => i.hub.stats.conversations() === 0 && i.hub.stats.people() === 0))
  })

  it('a member removed from a group stops receiving at once (the member row NOTIFYs)', async () => {
    const i = await instance()
    const { owner, c, id } = await group()
    const socket = await connect(i, c.personId, {})
    await say(owner, id, '大家好')
    await until(() => socket.seqs(id).length === 1)
    await changeMembers(db(), owner, id, { add: [], remove: [c.personId] }, buildContext())
    await until(() => socket.frames.some((f) => f.t === 'removed' && f.c === id))
    await say(owner, id, '移出之后')
    // A message sent after the removal has been seen by the other members' sockets; c's never gets it.
    const other = await connect(i, owner.personId, {})
    await say(owner, id, '再一条')
    await until(() => other.seqs(id).includes(3))
    expect(socket.seqs(id)).toEqual([1])
    socket.ws.close()
    other.ws.close()
  })

  it('a co-drafter taken off a document stops receiving its thread at once (the document row NOTIFYs)', async () => {
    const i = await instance()
    const { owner, b } = await group()
    const organ = await buildUnit({ organCode: `讯${Date.now() % 100000}` })
    const doc = await db().document.create({ data: { direction: 'OUTGOING', kind: 'NOTICE', title: '线程测试', organId: organ.id, unitId: organ.id, createdById: owner.personId, collaboratorIds: [b.personId] } })
    const { id } = await openThread(db(), owner, 'DOCUMENT', doc.id)
    const socket = await connect(i, b.personId, {})
    await say(owner, id, '请看正文')
    await until(() => socket.seqs(id).length === 1)
    await db().document.update({ where: { id: doc.id }, data: { collaboratorIds: [] } })
    await until(() => socket.frames.some((f) => f.t === 'removed' && f.c === id))
    socket.ws.close()
  })

  it("an invitation removed takes the person out of the meeting's thread at once (the invitee row NOTIFYs)", async () => {
    const i = await instance()
    const tree = await buildTree()
    const office = await actorFor(await buildPerson({ unit: tree.root, name: '会务', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] }))
    const guest = await buildPerson({ unit: tree.dept, name: '参会人' })
    const room = await createRoom(db(), office, { unitId: tree.root.id, name: '小会议室', location: '2楼', capacity: 10, equipment: [] }, buildContext())
    const start = new Date(Date.now() + 86_400_000)
    const meeting = await createMeeting(db(), office, { title: '碰头会', kind: 'ROOM', chairId: office.personId, startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), roomId: room.id, personIds: [guest.id] }, buildContext())
    const { id } = await openThread(db(), office, 'MEETING', meeting.id)
    const socket = await connect(i, guest.id, {})
    await say(office, id, '议程已更新')
    await until(() => socket.seqs(id).length === 1)
    await db().meetingInvitee.deleteMany({ where: { meetingId: meeting.id, personId: guest.id } })
    await until(() => socket.frames.some((f) => f.t === 'removed' && f.c === id))
    socket.ws.close()
  })

  it("the periodic round takes people out of an item's thread when its unit returns the assignment (no NOTIFY for that)", async () => {
    const i = await instance(300)
    const tree = await buildTree()
    const officeUnit = await buildUnit({ parent: tree.root, name: `督查室${Math.random()}` })
    const officer = await actorFor(await buildPerson({ unit: officeUnit, name: '督查员', grants: [{ permissions: ['supervision.manage'], unit: officeUnit }] }))
    const staff = await buildPerson({ unit: tree.dept, name: '局长', leaderRank: 'PRINCIPAL' })
    const { id: itemId } = await createItem(db(), officer, { title: '整改事项', deadline: '2027-03-31', leadUnitId: tree.dept.id }, buildContext())
    const { id } = await openThread(db(), officer, 'SUPERVISION', itemId)
    const socket = await connect(i, staff.id, {})
    await say(officer, id, '请签收')
    await until(() => socket.seqs(id).length === 1)
    await db().supervisionAssignment.updateMany({ where: { itemId }, data: { status: 'RETURNED' } })
    await until(() => socket.frames.some((f) => f.t === 'removed' && f.c === id))
    socket.ws.close()
  })

  it('a unit group made while its members are connected starts being served to them', async () => {
    const i = await instance()
    const tree = await buildTree()
    const [x, y] = await Promise.all([buildPerson({ unit: tree.division, name: '甲' }), buildPerson({ unit: tree.division, name: '乙' })])
    const socket = await connect(i, y.id, {})
    await ensureUnitGroups(db(), await actorFor(x))
    const group = await db().conversation.findUniqueOrThrow({ where: { unitId: tree.division.id } })
    await until(() => socket.frames.some((f) => f.t === 'added' && f.c === group.id))
    await say(await actorFor(x), group.id, '科室通知')
    await until(() => socket.seqs(group.id).length === 1)
    socket.ws.close()
  })

  it('signing out closes the socket (the session row NOTIFYs)', async () => {
    const i = await instance()
    const { b } = await group()
    const socket = await connect(i, b.personId, {})
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)))
    await db().session.delete({ where: { id: socket.sessionId } })
    expect(await closed).toBe(4403)
  })
})
