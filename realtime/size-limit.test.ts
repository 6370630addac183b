import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { db } from '../server/core/db/index.ts'
import { signTicket, ticketSecret } from '../server/realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../server/test/factories.ts'
import { startRealtimeServer } from './index.ts'
import { MESSAGE_SYNC } from './room.ts'
import { until } from '../server/test/until.ts'

const server = await startRealtimeServer({ db: db(), redisUrl: null, limits: { maxDocumentBytes: 3000 } })
afterAll(() => server.close())

const updateMessage = (update: Uint8Array) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return Buffer.from(encoding.toUint8Array(encoder))
}

describe('the document size limit follows the document', () => {
  it('updates repeating what the document holds (reconnects) never use up the limit; a real overflow is still refused', async () => {
    const person = await buildPerson()
    const ticket = signTicket(await ticketSecret(db()), { doc: 'doc-size', personId: person.id, sessionId: await buildSession(person.id), name: '起草人', right: 'edit' })
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/doc-size?ticket=${ticket}`)
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
    await new Promise((resolve) => ws.on('open', resolve))
    const doc = new Y.Doc()
    doc.getText('body').insert(0, '各单位要高度重视防汛工作，'.repeat(25)) // about 1 KB
    const state = Y.encodeStateAsUpdate(doc)
    expect(state.byteLength).toBeGreaterThan(900)
    const stored = () => db().realtimeUpdate.count({ where: { docName: 'doc-size' } })
    // The same state eight times, as a client reconnecting eight times sends it.
    for (let i = 1; i <= 8; i++) {
      ws.send(updateMessage(state))
      await until(async () => (await stored()) === i)
    }
    expect(ws.readyState).toBe(WebSocket.OPEN)
    const room = await server.rooms.get('doc-size')!
    expect(room.doc.getText('body').length).toBe(doc.getText('body').length)

    doc.getText('body').insert(0, '新增内容'.repeat(200)) // 2.4 KB more: past 3,000 bytes
    ws.send(updateMessage(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(room.doc))))
    expect(await closed).toEqual({ code: 1007, reason: expect.stringContaining('document size limit') })
    expect(await stored()).toBe(8)
  })
})
