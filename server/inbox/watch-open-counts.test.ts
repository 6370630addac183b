import { afterEach, describe, expect, it } from 'vitest'
import { db, type Db } from '../core/db/index.ts'
import { inboxListenerCount } from '../core/events.ts'
import { buildPerson } from '../test/factories.ts'
import { until } from '../test/until.ts'
import { createInboxItems, watchedPeople, watchOpenCounts } from './index.ts'

const todo = (personId: string, n: number) => ({ personId, kind: 'TODO' as const, module: 'document', objectType: 'OutgoingDocument', objectId: `watch-${n}`, title: `第${n}号`, source: '办公室', url: `/documents/${n}` })

/** The database client with its badge counts (InboxItem groupBy) counted. */
function countingDb(): { client: Db; counts: () => number } {
  let n = 0
  const real = db()
  const inboxItem = new Proxy(real.inboxItem, {
    get(target, key, receiver) {
      if (key === 'groupBy') return (...args: Parameters<typeof target.groupBy>) => { n++; return target.groupBy(...args) }
      return Reflect.get(target, key, receiver)
    },
  })
  const client = new Proxy(real, { get: (target, key, receiver) => (key === 'inboxItem' ? inboxItem : Reflect.get(target, key, receiver)) })
  return { client, counts: () => n }
}

describe('live badge counts', () => {
  afterEach(async () => {
    await until(() => watchedPeople() === 0 && inboxListenerCount() === 0)
  })

  it('counts a change once per person however many tabs are open, and wakes only the people it names', async () => {
    const me = await buildPerson()
    const other = await buildPerson()
    const { client, counts } = countingDb()
    const tab1: unknown[] = []
    const tab2: unknown[] = []
    const otherTab: unknown[] = []
    const stops = [
      await watchOpenCounts(client, me.id, (c) => tab1.push(c)),
      await watchOpenCounts(client, me.id, (c) => tab2.push(c)),
      await watchOpenCounts(client, other.id, (c) => otherTab.push(c)),
    ]
    // Each tab's first counts.
    expect([tab1, tab2, otherTab]).toEqual([[{ todo: 0, toread: 0 }], [{ todo: 0, toread: 0 }], [{ todo: 0, toread: 0 }]])
    expect(counts()).toBe(3)

    await db().$transaction((tx) => createInboxItems(tx, [todo(me.id, 1)]))
    await until(() => tab1.length === 2 && tab2.length === 2)
    expect(tab1[1]).toEqual({ todo: 1, toread: 0 })
    expect(tab2[1]).toEqual({ todo: 1, toread: 0 })
    // One count for both of my tabs; the other person was not named, so not counted.
    expect(counts()).toBe(4)
    expect(otherTab).toHaveLength(1)

    // A burst of changes costs at most one count more than the one running, and ends on the truth.
    for (let i = 2; i <= 6; i++) await db().$transaction((tx) => createInboxItems(tx, [todo(me.id, i)]))
    await until(() => JSON.stringify(tab1.at(-1)) === JSON.stringify({ todo: 6, toread: 0 }))
    expect(tab2.at(-1)).toEqual({ todo: 6, toread: 0 })
    expect(counts() - 4).toBeLessThanOrEqual(5)

    for (const stop of stops) stop()
    expect(watchedPeople()).toBe(0)
  })

  it('counts a change to many inboxes together: a notice to 60 people is one statement or a few, not 60', async () => {
    const people = await Promise.all(Array.from({ length: 60 }, () => buildPerson()))
    const { client, counts } = countingDb()
    const seen = new Map<string, unknown[]>(people.map((p) => [p.id, []]))
    const stops = await Promise.all(people.map((p) => watchOpenCounts(client, p.id, (c) => seen.get(p.id)!.push(c))))
    const before = counts()
    await db().$transaction((tx) => createInboxItems(tx, people.map((p, i) => todo(p.id, 100 + i))))
    await until(() => [...seen.values()].every((xs) => JSON.stringify(xs.at(-1)) === JSON.stringify({ todo: 1, toread: 0 })))
    expect(counts() - before).toBeLessThanOrEqual(3)
    for (const stop of stops) stop()
  })

  it('forgets a person with their last tab, and listens again when they come back', async () => {
    const me = await buildPerson()
    const seen: unknown[] = []
    const stop = await watchOpenCounts(db(), me.id, (c) => seen.push(c))
    stop()
    await until(() => inboxListenerCount() === 0)
    await db().$transaction((tx) => createInboxItems(tx, [todo(me.id, 9)]))
    const again: { todo: number }[] = []
    const stopAgain = await watchOpenCounts(db(), me.id, (c) => again.push(c))
    expect(again).toEqual([{ todo: 1, toread: 0 }])
    await db().$transaction((tx) => createInboxItems(tx, [todo(me.id, 10)]))
    await until(() => again.at(-1)?.todo === 2)
    expect(seen).toHaveLength(1)
    stopAgain()
  })
})
