import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, hours, minutes } from '../core/clock.ts'
import { buildPerson } from '../test/factories.ts'
import { completeInboxItems, countOpenInbox, createInboxItems, defaultInboxView, listInbox, remindDueItems } from './index.ts'

function todo(personId: string, n: number, extra: Partial<Parameters<typeof createInboxItems>[1][number]> = {}) {
  return { personId, kind: 'TODO' as const, module: 'document', objectType: 'OutgoingDocument', objectId: `doc-${n}`, title: `第${n}号文件待核稿`, source: '办公室', url: `/documents/${n}`, ...extra }
}

describe('inbox', () => {
  it('creates items once per object, pages newest first, filters, and is scoped to its owner', async () => {
    const me = await buildPerson()
    const other = await buildPerson()
    await db().$transaction((tx) => createInboxItems(tx, [
      ...Array.from({ length: 45 }, (_, n) => todo(me.id, n, { urgency: n % 10 === 0 ? 'URGENT' : 'NORMAL' })),
      { ...todo(me.id, 100), kind: 'TO_READ' as const, title: '会议纪要请阅' },
      todo(other.id, 1),
    ]))
    // Creating the same item again changes nothing.
    await db().$transaction((tx) => createInboxItems(tx, [todo(me.id, 1)]))
    expect(await countOpenInbox(db(), me.id)).toEqual({ todo: 45, toread: 1 })

    const first = await listInbox(db(), me.id, { view: 'todo', limit: 20 })
    const second = await listInbox(db(), me.id, { view: 'todo', limit: 20, after: first.nextAfter! })
    const third = await listInbox(db(), me.id, { view: 'todo', limit: 20, after: second.nextAfter! })
    const all = [...first.items, ...second.items, ...third.items]
    expect(all).toHaveLength(45)
    expect(new Set(all.map((i) => i.id)).size).toBe(45)
    expect(third.nextAfter).toBeNull()
    expect((await listInbox(db(), me.id, { view: 'todo', urgency: 'URGENT' })).items).toHaveLength(5)
    expect((await listInbox(db(), me.id, { view: 'toread', q: '纪要' })).items.map((i) => i.title)).toEqual(['会议纪要请阅'])
    expect((await listInbox(db(), other.id, { view: 'todo' })).items).toHaveLength(1)
  })

  it('clears items when the work is done, and lists them as done', async () => {
    const me = await buildPerson()
    const colleague = await buildPerson()
    await db().$transaction((tx) => createInboxItems(tx, [todo(me.id, 7), todo(colleague.id, 7)]))
    await db().$transaction((tx) => completeInboxItems(tx, { objectType: 'OutgoingDocument', objectId: 'doc-7', personId: me.id }))
    expect(await countOpenInbox(db(), me.id)).toEqual({ todo: 0, toread: 0 })
    expect((await listInbox(db(), me.id, { view: 'done' })).items.map((i) => i.title)).toEqual(['第7号文件待核稿'])
    expect(await countOpenInbox(db(), colleague.id)).toEqual({ todo: 1, toread: 0 })
    // Work withdrawn for everyone.
    await db().$transaction((tx) => completeInboxItems(tx, { objectType: 'OutgoingDocument', objectId: 'doc-7' }, 'CANCELLED'))
    expect(await countOpenInbox(db(), colleague.id)).toEqual({ todo: 0, toread: 0 })
    expect((await listInbox(db(), colleague.id, { view: 'done' })).items).toHaveLength(0)
  })

  it('reminds once, two hours before the deadline', async () => {
    clock.freeze(new Date('2026-11-23T01:00:00Z'))
    const me = await buildPerson()
    await db().person.update({ where: { id: me.id }, data: { email: 'due@example.gov.cn' } })
    await db().$transaction((tx) => createInboxItems(tx, [todo(me.id, 1, { dueAt: new Date(clock.now().getTime() + hours(5)) })]))
    const mine = async () => (await remindDueItems(db())).filter((r) => r.personId === me.id)
    expect(await mine()).toHaveLength(0)
    clock.advance(hours(3) + minutes(1))
    const [a, b] = await Promise.all([remindDueItems(db()), remindDueItems(db())])
    expect([...a, ...b].filter((r) => r.personId === me.id)).toHaveLength(1)
    expect(await mine()).toHaveLength(0)
    expect((await db().outboxMail.findMany({ where: { toPersonId: me.id } })).map((m) => m.subject)).toEqual(['【到期提醒】第1号文件待核稿'])
  })

  it('opens on 待阅 when there is nothing to do and something to read (the badge counts both)', () => {
    expect(defaultInboxView({ todo: 0, toread: 2 })).toBe('toread')
    expect(defaultInboxView({ todo: 1, toread: 2 })).toBe('todo')
    expect(defaultInboxView({ todo: 0, toread: 0 })).toBe('todo')
  })
})
