import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { db } from '../server/core/db/index.ts'
import { clock, minutes } from '../server/core/clock.ts'
import { signOut, signOutEverywhere, storePassword } from '../server/auth/index.ts'
import { signTicket, ticketSecret } from '../server/realtime-tickets/index.ts'
import { buildContext, buildPerson, buildSession } from '../server/test/factories.ts'
import { Persistence, SessionEndedError } from './persistence.ts'
import { startRealtimeServer } from './index.ts'
import { until } from '../server/test/until.ts'

// Sessions reach the co-editing server. The periodic re-check is set to a minute here, so whatever
// closes a connection within seconds is the database's NOTIFY (the triggers on Session and Person).
const server = await startRealtimeServer({ db: db(), recheckMs: minutes(1) })
const providers: WebsocketProvider[] = []
afterAll(async () => {
  for (const p of providers) p.destroy()
  await server.close()
})

async function ticketFor(doc: string, personId: string, sessionId: string) {
  return signTicket(await ticketSecret(db()), { doc, personId, sessionId, name: '起草人', right: 'edit' })
}

/** The stock client; resolves with the code the server closes it with (it is not let to reconnect). */
async function connect(doc: string, personId: string, sessionId: string, port = server.port) {
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket: await ticketFor(doc, personId, sessionId) },
  })
  providers.push(provider)
  const closed = new Promise<number>((resolve) => {
    provider.on('connection-close', (event: { code: number } | null) => {
      provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
  await until(() => provider.synced)
  return { provider, text: ydoc.getText('body'), closed }
}

const refused = (doc: string, ticket: string, port = server.port) => new Promise<number>((resolve, reject) => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/${doc}?ticket=${ticket}`)
  ws.on('open', () => reject(new Error('connected')))
  ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
  ws.on('error', () => undefined)
})

describe('co-editing follows the sign-in session', () => {
  it('sign-out-everywhere closes the open socket within 5 s, and a ticket issued before it no longer connects', async () => {
    const person = await buildPerson()
    const sessionId = await buildSession(person.id)
    const ticket = await ticketFor('doc-signout-all', person.id, sessionId)
    const editor = await connect('doc-signout-all', person.id, sessionId)
    const started = Date.now()
    await signOutEverywhere(db(), { personId: person.id, name: person.name }, buildContext())
    expect(await editor.closed).toBe(4403)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await refused('doc-signout-all', ticket)).toBe(403)
  })

  it('signing out closes that session’s sockets and leaves the person’s other sessions connected', async () => {
    const person = await buildPerson()
    const phone = await buildSession(person.id)
    const desktop = await buildSession(person.id)
    const onPhone = await connect('doc-signout-one', person.id, phone)
    const onDesktop = await connect('doc-signout-one', person.id, desktop)
    await signOut(db(), { id: phone, personId: person.id, name: person.name }, buildContext())
    expect(await onPhone.closed).toBe(4403)
    await server.watch.settled()
    onDesktop.text.insert(0, '仍可编辑')
    await until(async () => (await db().realtimeUpdate.count({ where: { docName: 'doc-signout-one', personId: person.id } })) > 0)
    expect(onDesktop.provider.wsconnected).toBe(true)
  })

  it('deactivation and a password change close the person’s sockets within 5 s (the changing session stays)', async () => {
    const gone = await buildPerson()
    const goneSocket = await connect('doc-deactivated', gone.id, await buildSession(gone.id))
    const started = Date.now()
    await db().person.update({ where: { id: gone.id }, data: { isActive: false } })
    expect(await goneSocket.closed).toBe(4403)
    expect(Date.now() - started).toBeLessThan(5000)

    const person = await buildPerson()
    const changing = await buildSession(person.id)
    const other = await connect('doc-password', person.id, await buildSession(person.id))
    const own = await connect('doc-password', person.id, changing)
    const row = await db().person.findUniqueOrThrow({ where: { id: person.id } })
    await db().$transaction((tx) => storePassword(tx, row, 'Another-Horse-42', { mustChange: false, keepSessionId: changing }))
    expect(await other.closed).toBe(4403)
    await server.watch.settled()
    expect(own.provider.wsconnected).toBe(true)
  })

  it('a session that expires is closed by the periodic re-check (no NOTIFY for time passing)', async () => {
    const own = await startRealtimeServer({ db: db(), recheckMs: 100, redisUrl: null })
    try {
      const person = await buildPerson()
      const sessionId = await buildSession(person.id)
      const editor = await connect('doc-expiring', person.id, sessionId, own.port)
      clock.advance(minutes(60 * 9))
      try {
        expect(await editor.closed).toBe(4403)
      } finally {
        clock.reset()
      }
    } finally {
      await own.close()
    }
  })

  it('an edit whose session ended before it is written is not stored (the store itself checks the session)', async () => {
    const person = await buildPerson()
    const sessionId = await buildSession(person.id)
    const persistence = new Persistence(db())
    try {
      const doc = new Y.Doc()
      doc.getText('body').insert(0, '签退后')
      const update = Y.encodeStateAsUpdate(doc)
      await persistence.store('doc-store-session', update, person.id, sessionId)
      await db().session.deleteMany({ where: { id: sessionId } })
      await expect(persistence.store('doc-store-session', update, person.id, sessionId)).rejects.toBeInstanceOf(SessionEndedError)
      // Another person's session in the same batch is not held up by it.
      const other = await buildPerson()
      const otherSession = await buildSession(other.id)
      const [late, fine] = await Promise.allSettled([
        persistence.store('doc-store-session', update, person.id, sessionId),
        persistence.store('doc-store-session', update, other.id, otherSession),
      ])
      expect(late.status).toBe('rejected')
      expect(fine.status).toBe('fulfilled')
      expect(await db().realtimeUpdate.count({ where: { docName: 'doc-store-session', personId: person.id } })).toBe(1)
      expect(await db().realtimeUpdate.count({ where: { docName: 'doc-store-session', personId: other.id } })).toBe(1)
    } finally {
      await persistence.close()
    }
  })
})

describe('the access re-check', () => {
  it('asks once per (document, person) however many connections share it, and a slow round never overlaps the next', async () => {
    let running = 0
    let most = 0
    let calls = 0
    const own = await startRealtimeServer({
      db: db(), recheckMs: 30, accessRecheckMs: 30, redisUrl: null,
      access: async (doc) => {
        if (!doc.startsWith('managed-')) return undefined
        calls++
        most = Math.max(most, ++running)
        await new Promise((r) => setTimeout(r, 100)) // slower than the interval
        running--
        return 'edit'
      },
    })
    try {
      const person = await buildPerson()
      const sessionId = await buildSession(person.id)
      const tabs = await Promise.all(Array.from({ length: 10 }, () => connect('managed-dedupe', person.id, sessionId, own.port)))
      // From here on only re-checks ask (the upgrades asked once each, side by side).
      const upgrades = calls
      const roundsBefore = own.watch.stats.rounds
      most = running
      // Rounds run from the server's start, so count those after the tabs are in (not since start).
      await until(() => own.watch.stats.rounds >= roundsBefore + 5 && calls - upgrades >= 2, 10_000)
      expect(most).toBe(1)
      expect(own.watch.stats.overlapping).toBe(0)
      expect(calls - upgrades).toBeLessThanOrEqual(own.watch.stats.rounds - roundsBefore + 1)
      for (const t of tabs) t.provider.destroy()
    } finally {
      await own.close()
    }
  })
})
