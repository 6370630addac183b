/**
 * 食堂报餐's back end (mounted by the platform at <APPS_ORIGIN>/svc/cn.gov.taihe.canteen/). It signs a
 * person in the way any departmental system would: the app's getAuthCode code, exchanged with the
 * client's id and secret at the platform's /oidc/app-code. Its session is a signed token (the app's
 * frame has an opaque origin, so no cookies), and its data is its own table.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { clock, shanghaiDate } from '../../server/core/clock.ts'
import { clientSecret, cors, readJson, send, signIn, verify, type BackendContext } from '../shared/backend.ts'

const APP_ID = 'cn.gov.taihe.canteen'
const CLIENT_ID = 'xt-canteen'
const MEALS = new Set(['lunch', 'dinner'])

export async function handle(req: IncomingMessage, res: ServerResponse, context: BackendContext): Promise<void> {
  if (cors(req, res)) return
  const { db, origins, base } = context
  const url = new URL(req.url ?? '/', origins.apps)
  const route = url.pathname.slice(base.length)
  const secret = await clientSecret(db, APP_ID)
  try {
    if (route === 'session' && req.method === 'POST') {
      const { code } = await readJson(req)
      const session = await signIn(context, CLIENT_ID, secret, code)
      if (!session) return send(res, 401, { error: 'sign_in_failed' })
      return send(res, 200, { token: session.token, user: { name: session.person.name, unit: session.person.unit }, today: shanghaiDate(clock.now()) })
    }
    const who = verify(secret, req.headers.authorization)
    if (!who) return send(res, 401, { error: 'sign_in_required' })
    const today = shanghaiDate(clock.now())
    if (route === 'meals' && req.method === 'GET') {
      const day = url.searchParams.get('day') ?? today
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return send(res, 400, { error: 'bad_day' })
      const [mine, counts, upcoming] = await Promise.all([
        db.canteenBooking.findMany({ where: { day: new Date(`${day}T00:00:00Z`), personId: who.sub }, select: { meal: true } }),
        db.canteenBooking.groupBy({ by: ['meal'], where: { day: new Date(`${day}T00:00:00Z`) }, _count: { _all: true } }),
        db.canteenBooking.count({ where: { personId: who.sub, day: { gte: new Date(`${today}T00:00:00Z`) } } }),
      ])
      return send(res, 200, { mine: mine.map((m) => m.meal), counts: Object.fromEntries(counts.map((c) => [c.meal, c._count._all])), upcoming })
    }
    if (route === 'meals' && req.method === 'POST') {
      const { day, meal, on } = await readJson(req)
      if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || day < today || !MEALS.has(String(meal))) return send(res, 400, { error: 'bad_booking' })
      const key = { day: new Date(`${day}T00:00:00Z`), meal: String(meal), personId: who.sub }
      if (on) await db.canteenBooking.upsert({ where: { day_meal_personId: key }, create: { ...key, name: who.name, unit: who.unit }, update: {} })
      else await db.canteenBooking.deleteMany({ where: key })
      return send(res, 200, { ok: true })
    }
    send(res, 404, { error: 'not_found' })
  } catch {
    send(res, 400, { error: 'bad_request' })
  }
}
