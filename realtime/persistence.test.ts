import { describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import pg from 'pg'
import { config } from '../server/core/config.ts'
import { db } from '../server/core/db/index.ts'
import { readStoredState } from '../server/coediting/stored-state.ts'
import { buildPerson } from '../server/test/factories.ts'
import { Persistence, StoreFailedError } from './persistence.ts'
import { Room } from './room.ts'

/** A connected client as the room sees it: it only needs to be sent to. */
const fakeSocket = () => ({ readyState: 1, OPEN: 1, send: vi.fn() }) as unknown as WebSocket & { send: ReturnType<typeof vi.fn> }

const typed = (text: string): Uint8Array => {
  const doc = new Y.Doc()
  doc.getText('body').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

describe('persistence: storing updates by group commit', () => {
  it('stores many concurrent updates of many documents in few batches, each document in arrival order', async () => {
    const person = await buildPerson()
    const persistence = new Persistence(db(), { batching: { maxBatchRows: 100 } })
    const docs = Array.from({ length: 12 }, (_, i) => `doc-batch-${i}`)
    const arrived = new Map<string, string[]>(docs.map((d) => [d, []]))
    // 60 connections, each storing its updates one after another (as a connection does).
    await Promise.all(
      Array.from({ length: 60 }, async (_, caller) => {
        const docName = docs[caller % docs.length]!
        for (let i = 0; i < 15; i++) {
          const tag = `${caller}:${i}`
          arrived.get(docName)!.push(tag)
          await persistence.store(docName, new TextEncoder().encode(tag), caller % 2 ? person.id : null)
        }
      }),
    )
    for (const docName of docs) {
      const { updates } = await readStoredState(db(), docName)
      expect(updates.map((u) => new TextDecoder().decode(u.update))).toEqual(arrived.get(docName))
      expect(updates.every((u) => u.personId === null || u.personId === person.id)).toBe(true)
    }
    expect(persistence.storeStats.rows).toBe(900)
    expect(persistence.storeStats.batches).toBeLessThan(900 / 10)
    expect(persistence.storeStats.largestBatch).toBeLessThanOrEqual(100)
    await persistence.close()
  })

  it('a failed batch rejects all its callers and the room forwards none of them; the next batch is stored', async () => {
    const person = await buildPerson()
    const persistence = new Persistence(db())
    const room = new Room('doc-batch-fails', new Y.Doc({ gc: false }), persistence, 0)
    const [sender, other] = [fakeSocket(), fakeSocket()]
    room.connections.set(sender, new Set())
    room.connections.set(other, new Set())

    // A row the database refuses (not a uuid) makes its whole batch fail, the room's update with it.
    const accepted = room.accept(typed('不应转发'), sender, person.id)
    const poisoned = persistence.store('doc-batch-elsewhere', typed('坏行'), 'not-a-uuid')
    const outcomes = await Promise.allSettled([accepted, poisoned])
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(StoreFailedError) })
    expect(room.doc.getText('body').toString()).toBe('')
    expect(other.send).not.toHaveBeenCalled()
    expect((await readStoredState(db(), 'doc-batch-fails')).updates).toHaveLength(0)
    expect((await readStoredState(db(), 'doc-batch-elsewhere')).updates).toHaveLength(0)

    await room.accept(typed('已保存'), sender, person.id)
    expect(room.doc.getText('body').toString()).toBe('已保存')
    expect(other.send).toHaveBeenCalledTimes(1)
    expect(sender.send).not.toHaveBeenCalled() // not echoed to its sender
    expect((await readStoredState(db(), 'doc-batch-fails')).updates).toHaveLength(1)
    await persistence.close()
  })

  it('does not apply an update when the database cannot be reached', async () => {
    const { createDb } = await import('../server/core/db/index.ts')
    const down = createDb('postgresql://postgres@127.0.0.1:1/nowhere', 1)
    const persistence = new Persistence(down)
    const room = new Room('doc-batch-down', new Y.Doc({ gc: false }), persistence, 0)
    const other = fakeSocket()
    room.connections.set(other, new Set())
    await expect(room.accept(typed('无处可存'), fakeSocket(), (await buildPerson()).id)).rejects.toBeInstanceOf(StoreFailedError)
    expect(room.doc.getText('body').toString()).toBe('')
    expect(other.send).not.toHaveBeenCalled()
    await persistence.close()
    await down.$disconnect()
  })

  it('through a pg connection of its own: a refused batch fails alone, a broken connection is replaced', async () => {
    const person = await buildPerson()
    const persistence = new Persistence(db(), { databaseUrl: config().DATABASE_URL })
    await persistence.store('doc-own-connection', typed('第一'), person.id)
    await expect(persistence.store('doc-own-connection', typed('坏行'), 'not-a-uuid')).rejects.toBeInstanceOf(StoreFailedError)
    await persistence.store('doc-own-connection', typed('第二'), null)

    // The server's connection is killed under it (a database restart, a network cut).
    const own = await db().$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE application_name = 'xietong-realtime-append' AND datname = current_database()`
    expect(own).toHaveLength(1)
    await db().$queryRaw`SELECT pg_terminate_backend(${own[0]!.pid}::int)`
    await expect.poll(async () => {
      try {
        await persistence.store('doc-own-connection', typed('第三'), person.id)
        return 'stored'
      } catch (error) {
        return (error as Error).constructor.name
      }
    }).toBe('stored')
    const { updates } = await readStoredState(db(), 'doc-own-connection')
    expect(updates.map((u) => u.personId)).toEqual([person.id, null, person.id])
    await persistence.close()
  })
})

describe('persistence: a hung append', () => {
  it('fails that batch after the append timeout instead of stalling every later edit', async () => {
    const person = await buildPerson()
    const persistence = new Persistence(db(), { databaseUrl: config().DATABASE_URL, appendTimeoutMs: 300 })
    const blocker = new pg.Client({ connectionString: config().DATABASE_URL })
    await blocker.connect()
    try {
      await persistence.store('doc-hung-warm', typed('预热'), person.id) // connected, statement prepared
      await blocker.query('BEGIN')
      await blocker.query('LOCK TABLE "RealtimeUpdate" IN ACCESS EXCLUSIVE MODE')
      await expect(persistence.store('doc-hung', typed('卡住'), person.id)).rejects.toBeInstanceOf(StoreFailedError)
      await blocker.query('COMMIT')
      await persistence.store('doc-hung-other', typed('照常'), person.id)
      expect((await readStoredState(db(), 'doc-hung-other')).updates).toHaveLength(1)
      expect((await readStoredState(db(), 'doc-hung')).updates).toHaveLength(0)
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined)
      await blocker.end()
      await persistence.close()
    }
  })
})
