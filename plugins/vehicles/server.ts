/**
 * 公车预约's back end (<APPS_ORIGIN>/svc/cn.gov.taihe.vehicles/): sign-in by getAuthCode like every
 * first-party app (plugins/shared/backend.ts). A booking is one vehicle over one stretch of a Beijing
 * day; two live bookings (pending or approved) of a vehicle never overlap: the check runs under the
 * vehicle's row lock, so of two racing requests for the same hour one is refused. The vehicle office
 * (VehicleOfficer, the app's own list) approves or rejects; the officer's frame then tells the booker
 * through the SDK's notify (the platform checks the officer may send them notices).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { addDays, clock, formatShanghai, fromShanghai, isDateKey, shanghaiDate, shanghaiTime } from '../../server/core/clock.ts'
import type { Db } from '../../server/core/db/index.ts'
import { clientSecret, cors, readJson, send, signIn, verify, type BackendContext, type Person } from '../shared/backend.ts'

const APP_ID = 'cn.gov.taihe.vehicles'
const CLIENT_ID = 'xt-vehicles'
const LIVE = ['PENDING', 'APPROVED']
/** How far ahead a vehicle may be booked. */
const DAYS_AHEAD = 30
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max && !/[\u0000-\u001f<>]/.test(v) ? v.trim() : null)

type Booking = { id: string; vehicleId: string; personId: string; name: string; unit: string; startsAt: Date; endsAt: Date; destination: string; purpose: string; passengers: number; status: string; decidedBy: string | null; reason: string | null; revision: number; vehicle?: { plate: string; model: string } }

function view(b: Booking) {
  return {
    id: b.id, vehicleId: b.vehicleId, plate: b.vehicle?.plate, model: b.vehicle?.model, personId: b.personId, name: b.name, unit: b.unit,
    day: shanghaiDate(b.startsAt), from: shanghaiTime(b.startsAt), to: shanghaiTime(b.endsAt), destination: b.destination, purpose: b.purpose,
    passengers: b.passengers, status: b.status, decidedBy: b.decidedBy, reason: b.reason, revision: b.revision,
  }
}

const isOfficer = async (db: Db, who: Person) => !!(await db.vehicleOfficer.findUnique({ where: { personId: who.sub } }))

/** The tile's count: pending requests for the vehicle office; one's own upcoming approved trips for everyone else. */
async function badge(db: Db, who: Person, officer: boolean): Promise<number> {
  const now = clock.now()
  return officer
    ? db.vehicleBooking.count({ where: { status: 'PENDING', endsAt: { gt: now } } })
    : db.vehicleBooking.count({ where: { personId: who.sub, status: 'APPROVED', endsAt: { gt: now } } })
}

export async function handle(req: IncomingMessage, res: ServerResponse, context: BackendContext): Promise<void> {
  if (cors(req, res)) return
  const { db, origins, base } = context
  const url = new URL(req.url ?? '/', origins.apps)
  const route = url.pathname.slice(base.length)
  const secret = await clientSecret(db, APP_ID)
  try {
    if (route === 'session' && req.method === 'POST') {
      const session = await signIn(context, CLIENT_ID, secret, (await readJson(req)).code)
      if (!session) return send(res, 401, { error: 'sign_in_failed' })
      const who = { ...session.person }
      const officer = await isOfficer(db, who)
      return send(res, 200, { token: session.token, user: { name: who.name, unit: who.unit }, officer, today: shanghaiDate(clock.now()), badge: await badge(db, who, officer) })
    }
    const who = verify(secret, req.headers.authorization)
    if (!who) return send(res, 401, { error: 'sign_in_required' })
    const today = shanghaiDate(clock.now())

    if (route === 'vehicles' && req.method === 'GET') {
      const day = url.searchParams.get('day') ?? today
      if (!isDateKey(day)) return send(res, 400, { error: 'bad_day' })
      const [vehicles, taken] = await Promise.all([
        db.vehicle.findMany({ where: { isActive: true }, orderBy: { plate: 'asc' } }),
        db.vehicleBooking.findMany({ where: { status: { in: LIVE }, startsAt: { lt: fromShanghai(addDays(day, 1)) }, endsAt: { gt: fromShanghai(day) } }, orderBy: { startsAt: 'asc' } }),
      ])
      // Everyone sees when a vehicle is taken; only the booker and the vehicle office see by whom and why.
      const officer = await isOfficer(db, who)
      return send(res, 200, {
        day,
        vehicles: vehicles.map((v) => ({
          id: v.id, plate: v.plate, model: v.model, seats: v.seats,
          taken: taken.filter((b) => b.vehicleId === v.id).map((b) => ({ from: formatShanghai(b.startsAt).slice(5), to: formatShanghai(b.endsAt).slice(5), status: b.status, ...(officer || b.personId === who.sub ? { name: b.name } : {}) })),
        })),
      })
    }

    if (route === 'bookings' && req.method === 'POST') {
      const body = await readJson(req)
      const day = typeof body.day === 'string' && isDateKey(body.day) ? body.day : null
      const from = typeof body.from === 'string' && TIME.test(body.from) ? body.from : null
      const to = typeof body.to === 'string' && TIME.test(body.to) ? body.to : null
      const destination = text(body.destination, 60)
      const purpose = text(body.purpose, 200)
      const passengers = typeof body.passengers === 'number' && Number.isInteger(body.passengers) ? body.passengers : 0
      if (!day || !from || !to || !destination || !purpose || passengers < 1 || typeof body.vehicleId !== 'string') return send(res, 400, { error: 'bad_booking' })
      const startsAt = fromShanghai(day, from)
      const endsAt = fromShanghai(day, to)
      if (endsAt <= startsAt) return send(res, 400, { error: 'bad_times' })
      if (startsAt <= clock.now() || day > addDays(today, DAYS_AHEAD)) return send(res, 400, { error: 'out_of_range' })
      const outcome = await db.$transaction(async (tx) => {
        // The vehicle's row lock serialises bookings of one vehicle: the overlap check and the insert are one step.
        const [vehicle] = await tx.$queryRaw<{ id: string; seats: number }[]>`SELECT id, seats FROM "Vehicle" WHERE id = ${body.vehicleId}::uuid AND "isActive" FOR UPDATE`
        if (!vehicle) return { status: 404, body: { error: 'not_found' } }
        if (passengers > vehicle.seats) return { status: 400, body: { error: 'too_many_passengers', seats: vehicle.seats } }
        const clash = await tx.vehicleBooking.findFirst({ where: { vehicleId: vehicle.id, status: { in: LIVE }, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } }, orderBy: { startsAt: 'asc' } })
        if (clash) return { status: 409, body: { error: 'conflict', with: { from: shanghaiTime(clash.startsAt), to: shanghaiTime(clash.endsAt), status: clash.status } } }
        const booking = await tx.vehicleBooking.create({ data: { vehicleId: vehicle.id, personId: who.sub, name: who.name, unit: who.unit, startsAt, endsAt, destination, purpose, passengers } })
        return { status: 200, body: { id: booking.id } }
      })
      return send(res, outcome.status, outcome.body)
    }

    if (route === 'bookings/mine' && req.method === 'GET') {
      const mine = await db.vehicleBooking.findMany({ where: { personId: who.sub, endsAt: { gt: fromShanghai(addDays(today, -30)) } }, orderBy: { startsAt: 'desc' }, take: 50, include: { vehicle: true } })
      const officer = await isOfficer(db, who)
      return send(res, 200, { bookings: mine.map(view), badge: await badge(db, who, officer) })
    }

    if (route === 'bookings/pending' && req.method === 'GET') {
      if (!(await isOfficer(db, who))) return send(res, 404, { error: 'not_found' })
      const pending = await db.vehicleBooking.findMany({ where: { status: 'PENDING', endsAt: { gt: clock.now() } }, orderBy: { startsAt: 'asc' }, take: 100, include: { vehicle: true } })
      return send(res, 200, { bookings: pending.map(view), badge: pending.length })
    }

    const m = /^bookings\/([0-9a-f-]{36})\/(cancel|decide)$/.exec(route)
    if (m && req.method === 'POST') {
      const body = await readJson(req)
      const officer = m[2] === 'decide' && (await isOfficer(db, who))
      if (m[2] === 'decide' && !officer) return send(res, 404, { error: 'not_found' })
      const decision = body.decision === 'approve' || body.decision === 'reject' ? body.decision : null
      const reason = body.reason === undefined || body.reason === '' ? null : text(body.reason, 200)
      if (m[2] === 'decide' && (!decision || (decision === 'reject' && !reason))) return send(res, 400, { error: 'reason_required' })
      const outcome = await db.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "VehicleBooking" WHERE id = ${m[1]}::uuid FOR UPDATE`
        const booking = row ? await tx.vehicleBooking.findUnique({ where: { id: row.id }, include: { vehicle: true } }) : null
        // Someone else's booking is not found for the booker; the office sees every booking.
        if (!booking || (m[2] === 'cancel' && booking.personId !== who.sub)) return { status: 404, body: { error: 'not_found' } }
        if (typeof body.revision === 'number' && body.revision !== booking.revision) return { status: 409, body: { error: 'changed' } }
        if (m[2] === 'cancel') {
          if (!LIVE.includes(booking.status) || booking.endsAt <= clock.now()) return { status: 409, body: { error: 'not_cancellable' } }
          const done = await tx.vehicleBooking.update({ where: { id: booking.id }, data: { status: 'CANCELLED', revision: { increment: 1 } }, include: { vehicle: true } })
          return { status: 200, body: { booking: view(done) } }
        }
        if (booking.status !== 'PENDING') return { status: 409, body: { error: 'already_decided' } }
        const done = await tx.vehicleBooking.update({
          where: { id: booking.id }, include: { vehicle: true },
          data: { status: decision === 'approve' ? 'APPROVED' : 'REJECTED', decidedById: who.sub, decidedBy: who.name, decidedAt: clock.now(), reason, revision: { increment: 1 } },
        })
        return { status: 200, body: { booking: view(done) } }
      })
      return send(res, outcome.status, outcome.body)
    }
    send(res, 404, { error: 'not_found' })
  } catch {
    send(res, 400, { error: 'bad_request' })
  }
}
