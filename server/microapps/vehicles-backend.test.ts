/**
 * 公车预约's back end (plugins/vehicles/server.ts) over real HTTP and PostgreSQL: overlapping bookings
 * of one vehicle are refused (also when two race), only the vehicle office decides, a booker cancels
 * only their own. Sign-in through getAuthCode is the e2e's (microapps.spec.ts); here the back end's
 * own session token is made with its secret, as its sign-in would.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { addDays, clock, hours, shanghaiDate } from '../core/clock.ts'
import { randomToken } from '../core/crypto.ts'
import { buildContext, buildPerson, buildTree, actorFor } from '../test/factories.ts'
import { sessionToken } from '../../plugins/shared/backend.ts'
import { backendSecretKey, manifestSchema, reviewVersion, submitApp } from './index.ts'
import { appsRequestHandler } from './hosting.ts'

const APP = 'cn.gov.taihe.vehicles'
let server: http.Server
let base: string
const secret = randomToken(32)

afterEach(() => clock.reset())
beforeAll(async () => {
  const tree = await buildTree()
  const admin = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['app.review', 'app.manage'], unit: tree.root }] }))
  const manifest = manifestSchema.parse({ ...JSON.parse((await import('node:fs')).readFileSync(new URL('../../plugins/vehicles/manifest.json', import.meta.url), 'utf8')), developerUnit: tree.root.id })
  const { versionId } = await submitApp(db(), admin, manifest, buildContext())
  await reviewVersion(db(), admin, versionId, { decision: 'approve' }, buildContext())
  await db().systemSetting.create({ data: { key: backendSecretKey(APP), value: secret } })
  server = http.createServer(appsRequestHandler(db()))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/svc/${APP}/`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

async function person(name: string, officer = false) {
  const p = await buildPerson({ name })
  if (officer) await db().vehicleOfficer.create({ data: { personId: p.id, name } })
  const token = sessionToken(secret, { sub: p.id, name, unit: '办公室', exp: clock.now().getTime() + hours(8) })
  const call = async (path: string, body?: unknown) => {
    const r = await fetch(base + path, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the back end's JSON, read field by field below
    const answer = (await r.json()) as Record<string, any>
    return { status: r.status, body: answer }
  }
  return { id: p.id, call }
}

describe('公车预约 back end', () => {
  it('refuses a booking overlapping a live one of the same vehicle, also when two race; another vehicle or a rejected booking frees it', async () => {
    const vehicle = await db().vehicle.create({ data: { plate: `测A·${randomToken(3)}`, model: '测试车', seats: 5 } })
    const other = await db().vehicle.create({ data: { plate: `测B·${randomToken(3)}`, model: '测试车', seats: 5 } })
    const a = await person('甲')
    const b = await person('乙')
    const office = await person('车管', true)
    const day = addDays(shanghaiDate(clock.now()), 2)
    const booking = (vehicleId: string, from: string, to: string, passengers = 2) => ({ vehicleId, day, from, to, destination: '市应急局', purpose: '检查', passengers })
    expect((await a.call('bookings', booking(vehicle.id, '09:00', '11:00'))).status).toBe(200)
    const clash = await b.call('bookings', booking(vehicle.id, '10:30', '12:00'))
    expect(clash).toEqual({ status: 409, body: { error: 'conflict', with: { from: '09:00', to: '11:00', status: 'PENDING' } } })
    // Touching ends are not an overlap; another vehicle is free; more passengers than seats are refused.
    expect((await b.call('bookings', booking(vehicle.id, '11:00', '12:00'))).status).toBe(200)
    expect((await b.call('bookings', booking(other.id, '10:00', '12:00'))).status).toBe(200)
    expect((await b.call('bookings', booking(other.id, '13:00', '14:00', 6))).body.error).toBe('too_many_passengers')
    expect((await b.call('bookings', booking(other.id, '14:00', '13:00'))).body.error).toBe('bad_times')
    expect((await b.call('bookings', { ...booking(other.id, '13:00', '14:00'), day: addDays(day, -3) })).body.error).toBe('out_of_range')
    // Two people racing for one free hour: exactly one gets it.
    const race = await Promise.all([a.call('bookings', booking(vehicle.id, '15:00', '16:00')), b.call('bookings', booking(vehicle.id, '15:30', '16:30'))])
    expect(race.map((r) => r.status).sort()).toEqual([200, 409])
    // Rejecting the first booking frees its hours.
    const pending = await office.call('bookings/pending')
    const first = pending.body.bookings.find((x: { vehicleId: string; from: string }) => x.vehicleId === vehicle.id && x.from === '09:00')
    expect((await office.call(`bookings/${first.id}/decide`, { decision: 'reject' })).body.error).toBe('reason_required')
    expect((await office.call(`bookings/${first.id}/decide`, { decision: 'reject', reason: '当天车辆保养', revision: first.revision })).status).toBe(200)
    expect((await b.call('bookings', booking(vehicle.id, '10:00', '10:45'))).status).toBe(200)
  })

  it('only the vehicle office decides; a decision is made once; a booker cancels only their own', async () => {
    const vehicle = await db().vehicle.create({ data: { plate: `测C·${randomToken(3)}`, model: '测试车', seats: 7 } })
    const a = await person('丙')
    const b = await person('丁')
    const office = await person('车管乙', true)
    const day = addDays(shanghaiDate(clock.now()), 1)
    const { body } = await a.call('bookings', { vehicleId: vehicle.id, day, from: '08:00', to: '09:00', destination: '东平区', purpose: '调研', passengers: 3 })
    expect((await a.call('bookings/pending')).status).toBe(404)
    expect((await a.call(`bookings/${body.id}/decide`, { decision: 'approve' })).status).toBe(404)
    expect((await b.call(`bookings/${body.id}/cancel`, {})).status).toBe(404)
    const approved = await office.call(`bookings/${body.id}/decide`, { decision: 'approve' })
    expect(approved.body.booking).toMatchObject({ status: 'APPROVED', decidedBy: '车管乙', personId: a.id, from: '08:00', to: '09:00', day })
    expect((await office.call(`bookings/${body.id}/decide`, { decision: 'reject', reason: '改主意' })).body.error).toBe('already_decided')
    expect((await a.call('bookings/mine')).body.badge).toBe(1)
    expect((await a.call(`bookings/${body.id}/cancel`, { revision: 0 })).body.error).toBe('changed')
    expect((await a.call(`bookings/${body.id}/cancel`, {})).body.booking.status).toBe('CANCELLED')
    // Without a valid token nothing is answered.
    expect((await fetch(`${base}bookings/mine`, { headers: { authorization: 'Bearer forged.token' } })).status).toBe(401)
  })
})
