import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { WebsocketProvider } from 'y-websocket'
import { db } from '../server/core/db/index.ts'
import { signTicket, ticketSecret } from '../server/realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../server/test/factories.ts'
import { startRealtimeServer } from './index.ts'
import { MESSAGE_AWARENESS } from './room.ts'
import { until } from '../server/test/until.ts'

const server = await startRealtimeServer({ db: db(), redisUrl: null })
const providers: WebsocketProvider[] = []
afterAll(async () => {
  for (const p of providers) p.destroy()
  await server.close()
})

async function ticketFor(doc: string, person: { id: string; name: string }) {
  return signTicket(await ticketSecret(db()), { doc, personId: person.id, sessionId: await buildSession(person.id), name: person.name, right: 'edit' })
}

async function connect(doc: string, person: { id: string; name: string }) {
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket: await ticketFor(doc, person) },
  })
  providers.push(provider)
  await until(() => provider.synced)
  return provider
}

/** An awareness message for any client id, as a hostile client would write it. */
function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Buffer {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(update, e.clientId)
    encoding.writeVarUint(update, e.clock)
    encoding.writeVarString(update, JSON.stringify(e.state))
  }
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return Buffer.from(encoding.toUint8Array(message))
}

type User = { name?: string; id?: string; color?: string }
const userOf = (provider: WebsocketProvider, clientId: number) => (provider.awareness.getStates().get(clientId) as { user?: User } | undefined)?.user

describe('presence (awareness) is stamped by the server', () => {
  it('shows the ticket’s person whatever name a client claims, and keeps the rest of its state', async () => {
    const drafter = await buildPerson({ name: '起草人' })
    const leader = await buildPerson({ name: '局长' })
    const watcher = await buildPerson({ name: '旁观者' })
    const liar = await connect('doc-presence', drafter)
    liar.awareness.setLocalStateField('user', { name: '局长', id: leader.id, color: '#c00' })
    const seeing = await connect('doc-presence', watcher)
    await until(() => userOf(seeing, liar.awareness.clientID)?.color === '#c00')
    expect(userOf(seeing, liar.awareness.clientID)).toEqual({ name: '起草人', id: drafter.id, color: '#c00' })
  })

  it('a client cannot overwrite or remove another client’s state', async () => {
    const a = await buildPerson({ name: '甲' })
    const b = await buildPerson({ name: '乙' })
    const victim = await connect('doc-presence-2', a)
    victim.awareness.setLocalStateField('user', { color: '#00c' })
    const seeing = await connect('doc-presence-2', b)
    await until(() => userOf(seeing, victim.awareness.clientID)?.name === '甲')
    const hostile = new WebSocket(`ws://127.0.0.1:${server.port}/doc-presence-2?ticket=${await ticketFor('doc-presence-2', b)}`)
    await new Promise((resolve) => hostile.on('open', resolve))
    const victimClock = 1000
    hostile.send(awarenessMessage([{ clientId: victim.awareness.clientID, clock: victimClock, state: { user: { name: '篡改', color: '#000' } } }]))
    hostile.send(awarenessMessage([{ clientId: victim.awareness.clientID, clock: victimClock + 1, state: null }]))
    // Its own client id is fine (and stamped); once that arrives, the two before it were handled.
    hostile.send(awarenessMessage([{ clientId: 4242, clock: 1, state: { user: { name: '甲', id: a.id } } }]))
    await until(() => userOf(seeing, 4242) !== undefined)
    expect(userOf(seeing, 4242)).toEqual({ name: '乙', id: b.id })
    expect(userOf(seeing, victim.awareness.clientID)).toEqual({ name: '甲', id: a.id, color: '#00c' })
    hostile.close()
  })
})
