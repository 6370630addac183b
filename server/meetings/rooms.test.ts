import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { fromShanghai } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { countOpenInbox } from '../inbox/index.ts'
import { bookRoom, createRoom, decideBooking, freeBusy } from './index.ts'

async function setup(needsApproval = false) {
  const tree = await buildTree()
  const office = await actorFor(await buildPerson({ unit: tree.root, name: '办公室', grants: [{ permissions: ['meeting.organise'], unit: tree.root }] }))
  const deptClerk = await actorFor(await buildPerson({ unit: tree.dept, name: '会务', grants: [{ permissions: ['meeting.organise'], unit: tree.dept }] }))
  const clerk = await actorFor(await buildPerson({ unit: tree.dept, name: '科员' }))
  const room = await createRoom(db(), office, { unitId: tree.root.id, name: '第一会议室', capacity: 30, equipment: ['投影', '视频终端'], needsApproval }, buildContext())
  return { ...tree, office, deptClerk, clerk, room }
}

const at = (time: string) => fromShanghai('2026-12-10', time).toISOString()

describe('rooms and bookings', () => {
  it('refuses overlapping bookings in the database: of 20 parallel overlapping requests exactly one commits', async () => {
    const { deptClerk, room } = await setup()
    const attempts = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
      bookRoom(db(), deptClerk, { roomId: room.id, title: `会议${i}`, startsAt: at(`09:${String(i).padStart(2, '0')}`), endsAt: at('11:00') }, buildContext())))
    const ok = attempts.filter((a) => a.status === 'fulfilled')
    expect(ok).toHaveLength(1)
    for (const a of attempts) if (a.status === 'rejected') expect(a.reason).toMatchObject({ code: 'meeting.room_taken' })
    expect(await db().roomBooking.count({ where: { roomId: room.id } })).toBe(1)
    // Back to back is not an overlap (half-open ranges).
    await bookRoom(db(), deptClerk, { roomId: room.id, title: '接着开', startsAt: at('11:00'), endsAt: at('12:00') }, buildContext())
  })

  it('holds a room that needs approval as PENDING with a 待办 for its office; rejecting frees it', async () => {
    const { office, deptClerk, room } = await setup(true)
    const booking = await bookRoom(db(), deptClerk, { roomId: room.id, title: '专题会', startsAt: at('14:00'), endsAt: at('15:00') }, buildContext())
    expect(booking.status).toBe('PENDING')
    expect((await countOpenInbox(db(), office.personId)).todo).toBe(1)
    // A pending booking holds the room too.
    await expectAppError(bookRoom(db(), deptClerk, { roomId: room.id, title: '另一个', startsAt: at('14:30'), endsAt: at('15:30') }, buildContext()), 'meeting.room_taken')
    // Only the room's office decides.
    await expectAppError(decideBooking(db(), deptClerk, booking.id, { approve: true }, buildContext()), 'not_found')
    await decideBooking(db(), office, booking.id, { approve: false, reason: '当天有接待' }, buildContext())
    expect((await countOpenInbox(db(), office.personId)).todo).toBe(0)
    await expectAppError(decideBooking(db(), office, booking.id, { approve: true }, buildContext()), 'meeting.booking_decided')
    const again = await bookRoom(db(), deptClerk, { roomId: room.id, title: '另一个', startsAt: at('14:30'), endsAt: at('15:30') }, buildContext())
    // The room's own office books without approval.
    expect((await bookRoom(db(), office, { roomId: room.id, title: '办公室用', startsAt: at('16:00'), endsAt: at('17:00') }, buildContext())).status).toBe('APPROVED')
    expect(again.status).toBe('PENDING')
  })

  it('refuses people who do not organise meetings, and bookings that end before they start', async () => {
    const { clerk, deptClerk, room } = await setup()
    await expectAppError(bookRoom(db(), clerk, { roomId: room.id, title: 'x', startsAt: at('09:00'), endsAt: at('10:00') }, buildContext()), 'forbidden')
    await expectAppError(bookRoom(db(), deptClerk, { roomId: room.id, title: 'x', startsAt: at('10:00'), endsAt: at('09:00') }, buildContext()), 'meeting.time_invalid')
  })

  it('shows free/busy for a Beijing day and week, titles only to the booking unit', async () => {
    const { deptClerk, office, clerk, room } = await setup()
    await bookRoom(db(), deptClerk, { roomId: room.id, title: '早会', startsAt: at('08:00'), endsAt: at('09:00') }, buildContext())
    // 00:30 Beijing on the 11th is the 10th in UTC: it belongs to the 11th.
    await bookRoom(db(), deptClerk, { roomId: room.id, title: '夜间', startsAt: fromShanghai('2026-12-11', '00:30').toISOString(), endsAt: fromShanghai('2026-12-11', '01:30').toISOString() }, buildContext())
    const day = await freeBusy(db(), deptClerk, { date: '2026-12-10' })
    const mine = day.busy.filter((b) => b.roomId === room.id)
    expect(mine.map((b) => b.title)).toEqual(['早会'])
    const week = await freeBusy(db(), deptClerk, { date: '2026-12-07', range: 'week' })
    expect(week.busy.filter((b) => b.roomId === room.id)).toHaveLength(2)
    expect((await freeBusy(db(), office, { date: '2026-12-10' })).busy.find((b) => b.roomId === room.id)?.title).toBe('早会')
    expect((await freeBusy(db(), clerk, { date: '2026-12-10' })).busy.find((b) => b.roomId === room.id)?.title).toBeNull()
  })
})
