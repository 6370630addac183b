import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import { db } from '../server/core/db/index.ts'
import { signTicket, ticketSecret } from '../server/realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../server/test/factories.ts'
import { startRealtimeServer } from './index.ts'

// 100,000 messages, valid and hostile, at one server: it must stay up, keep serving others, and keep
// its memory bounded. Hostile ones include y-websocket#95's text frame and yjs#687's V2 run-length
// bomb (the server accepts V1 only and never decodes V2).
const server = await startRealtimeServer({ db: db(), limits: { messagesPerSecond: 1_000_000 } })
afterAll(() => server.close())
const person = await buildPerson()
const ticket = signTicket(await ticketSecret(db()), { doc: 'fuzz', personId: person.id, sessionId: await buildSession(person.id), name: 'fuzz', right: 'edit' })

let seed = 687
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
const int = (n: number) => Math.floor(random() * n)

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, type)
  write(e)
  return encoding.toUint8Array(e)
}

const scratch = new Y.Doc()
const awareness = new awarenessProtocol.Awareness(scratch)

/** One message: mostly valid traffic, sometimes garbage; returns [data, isBinary]. */
function message(): [Uint8Array | string, boolean] {
  const roll = random()
  if (roll < 0.03) {
    const before = Y.encodeStateVector(scratch)
    scratch.getText('t').insert(int(scratch.getText('t').length + 1), '字'.repeat(1 + int(3)))
    return [frame(0, (e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(scratch, before))), true]
  }
  if (roll < 0.5) {
    awareness.setLocalStateField('cursor', { index: int(100) })
    return [frame(1, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [scratch.clientID]))), true]
  }
  if (roll < 0.99) return [frame(0, (e) => syncProtocol.writeSyncStep1(e, scratch)), true]
  const bad = int(5)
  if (bad === 0) return ['4294967297', false]
  if (bad === 1) return [Uint8Array.from({ length: int(64) }, () => int(256)), true]
  if (bad === 2) return [frame(0, (e) => { encoding.writeVarUint(e, 2); encoding.writeVarUint(e, 0xffffffff) }), true]
  if (bad === 3) {
    // yjs#687: a V2 update whose run-length encoding claims billions of repetitions.
    const bomb = new Uint8Array([0, 0, 255, 255, 255, 255, 15, 1, 0, 255, 255, 255, 255, 15, 0, 0, 0, 0, 0, 0, 0, 0])
    return [frame(0, (e) => syncProtocol.writeUpdate(e, bomb)), true]
  }
  return [frame(7, () => undefined), true]
}

async function open(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/fuzz?ticket=${ticket}`)
  ws.on('error', () => undefined)
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('unexpected-response', reject) })
  return ws
}

describe('realtime server under hostile input', () => {
  it('stays up through 100,000 random and malformed messages with bounded memory', async () => {
    global.gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    let ws = await open()
    let closes = 0
    for (let i = 0; i < 100_000; i++) {
      if (ws.readyState !== WebSocket.OPEN) {
        closes++
        ws = await open()
      }
      const [data, isBinary] = message()
      ws.send(data, { binary: isBinary })
      if (typeof data === 'string' || !isBinary || i % 500 === 0) {
        // Let the server answer (and close this socket, for hostile input) before going on.
        await new Promise((r) => setTimeout(r, 5))
      }
    }
    ws.close()
    expect(closes).toBeGreaterThan(100)
    // Still serving: a fresh client syncs the document the valid updates built.
    const check = await open()
    const doc = new Y.Doc()
    const synced = new Promise<void>((resolve) => check.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
      resolve()
    }))
    check.send(frame(0, (e) => syncProtocol.writeSyncStep1(e, doc)))
    await synced
    expect(doc.getText('t').length).toBeGreaterThan(0)
    check.close()
    global.gc?.()
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024)
  }, 180_000)
})
