import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { db } from '../server/core/db/index.ts'
import { clock, hours, minutes } from '../server/core/clock.ts'
import { signTicket, ticketSecret, type Right } from '../server/realtime-tickets/index.ts'
import { bodyDocName, documentBodyAccess, submitDocument } from '../server/documents/index.ts'
import { buildOrganisation, ctx, draftNotice, personWithActor, revisionOf } from '../server/documents/test-organisation.ts'
import { actorFor, buildContext, buildPerson, buildSession, buildTree } from '../server/test/factories.ts'
import { cancelMeeting, createMeeting, getMeeting, minutesDocName } from '../server/meetings/index.ts'
import { coeditingAccess } from '../server/platform/coediting-access.ts'
import { until } from '../server/test/until.ts'
import { startRealtimeServer } from './index.ts'

// The documents module's access check on a real co-editing server. Sessions are re-checked every
// minute and access every ten here, so whatever closes a connection within seconds is the
// database's NOTIFY: a document moving (its revision, status or co-drafters) names it at once.
const server = await startRealtimeServer({ db: db(), access: documentBodyAccess(db()), recheckMs: minutes(1), accessRecheckMs: minutes(10), redisUrl: null })
const providers: WebsocketProvider[] = []
afterAll(async () => {
  for (const p of providers) p.destroy()
  await server.close()
})

async function connect(documentId: string, personId: string, right: Right, port = server.port, doc = bodyDocName(documentId)) {
  const sessionId = await buildSession(personId)
  const ticket = signTicket(await ticketSecret(db()), { doc, personId, sessionId, name: '起草人', right })
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, doc, new Y.Doc(), { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket } })
  providers.push(provider)
  const closed = new Promise<number>((resolve) => {
    provider.on('connection-close', (event: { code: number } | null) => {
      provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
  await until(() => provider.synced)
  return { provider, closed }
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))])

describe('co-editing access follows the document at once', () => {
  it('the drafter who submits is asked to reconnect read-only (4401); a co-drafter taken off the draft is closed (4403); others stay', async () => {
    const s = await buildOrganisation()
    const { id } = await draftNotice(s)
    const other = await draftNotice(s, '关于另一件事的通知')
    const coDrafter = await personWithActor('赵敏', s.division)
    await db().document.update({ where: { id }, data: { collaboratorIds: [coDrafter.id] } })
    const drafter = await connect(id, s.clerk.id, 'edit')
    const colleague = await connect(id, coDrafter.id, 'edit')
    const elsewhere = await connect(other.id, s.clerk.id, 'edit')

    await db().document.update({ where: { id }, data: { collaboratorIds: [] } })
    expect(await within(colleague.closed, 5000)).toBe(4403)
    expect(drafter.provider.wsconnected).toBe(true)

    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await within(drafter.closed, 5000)).toBe(4401)
    await server.watch.settled()
    expect(elsewhere.provider.wsconnected).toBe(true)
  })

  it('sessions are checked on their own interval without asking the documents module', async () => {
    let checks = 0
    const own = await startRealtimeServer({ db: db(), access: async () => { checks++; return 'edit' }, recheckMs: 50, accessRecheckMs: minutes(10), redisUrl: null })
    try {
      const personId = (await personWithActor('钱进', (await buildOrganisation()).division)).id
      const sessionId = await buildSession(personId)
      const ticket = signTicket(await ticketSecret(db()), { doc: 'managed-sessions', personId, sessionId, name: '钱进', right: 'edit' })
      const ws = new WebSocket(`ws://127.0.0.1:${own.port}/managed-sessions?ticket=${ticket}`)
      await new Promise((r) => ws.once('open', r))
      const after = checks // the upgrade asked once
      const rounds = own.watch.stats.rounds
      await until(() => own.watch.stats.rounds >= rounds + 5)
      expect(checks).toBe(after)
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)))
      await db().session.deleteMany({ where: { id: sessionId } })
      expect(await within(closed, 5000)).toBe(4403)
    } finally {
      await own.close()
    }
  })

  it('a meeting cancelled turns its co-edited minutes read-only at once (4401)', async () => {
    const own = await startRealtimeServer({ db: db(), access: coeditingAccess(db()), recheckMs: minutes(1), accessRecheckMs: minutes(10), redisUrl: null })
    try {
      const tree = await buildTree()
      const officer = await buildPerson({ unit: tree.root, name: '办公室秘书', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] })
      const chair = await buildPerson({ unit: tree.root, name: '陈市长', leaderRank: 'PRINCIPAL' })
      const office = await actorFor(officer)
      const startsAt = new Date(clock.now().getTime() + hours(26))
      const made = await createMeeting(db(), office, {
        title: '专题调度会', kind: 'ROOM', chairId: chair.id, personIds: [], units: [],
        startsAt, endsAt: new Date(startsAt.getTime() + hours(1)), rsvpDeadline: new Date(startsAt.getTime() - hours(2)),
      }, buildContext())
      const editor = await connect(made.id, officer.id, 'edit', own.port, minutesDocName(made.id))
      const { meeting } = await getMeeting(db(), office, made.id)
      await cancelMeeting(db(), office, made.id, { revision: meeting.revision, reason: '改期' }, buildContext())
      expect(await within(editor.closed, 5000)).toBe(4401)
    } finally {
      await own.close()
    }
  })
})
