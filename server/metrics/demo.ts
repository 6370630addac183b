import { createHash } from 'node:crypto'
import type { Tx } from '../core/db/index.ts'
import { addDays, days, minutes, shanghaiDate, shanghaiInstant, weekdayOf } from '../core/clock.ts'
import { aggregateDay } from './aggregate-day.ts'

const HISTORY_DAYS = 30

/** A small seeded generator (mulberry32), so every demo seed makes the same history. */
function seeded(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * DEMO ONLY. The demo city is seeded today, so it has no past for the dashboard to show. This makes one:
 * the demo people's accounts date from 45 days ago, and the generated staff (never the named demo
 * accounts, whose own session lists stay clean) get expired sessions on the last 30 days — more on
 * working days, each unit with its own habit, some people never signing in — and opens of the installed
 * micro-apps. Then the aggregation runs over those days exactly as the job would.
 */
export async function seedMetricsDemo(tx: Tx, options: { personIds: Map<string, string>; namedAccounts: readonly string[]; now: Date }) {
  const { now } = options
  const random = seeded(20261207)
  const named = new Set(options.namedAccounts)
  const since = new Date(now.getTime() - days(45))
  await tx.person.updateMany({ where: { id: { in: [...options.personIds.values()] } }, data: { createdAt: since } })

  const staff = await tx.post.findMany({
    where: { isPrimary: true, personId: { in: [...options.personIds].filter(([account]) => !named.has(account)).map(([, id]) => id) } },
    select: { personId: true, unitId: true }, orderBy: { personId: 'asc' },
  })
  const habit = new Map<string, number>()
  for (const { unitId } of staff) if (!habit.has(unitId)) habit.set(unitId, 0.3 + random() * 0.6)
  const apps = (await tx.microAppInstall.findMany({ select: { appId: true }, distinct: ['appId'], orderBy: { appId: 'asc' } })).map((a) => a.appId)

  const today = shanghaiDate(now)
  const sessions: { id: string; personId: string; csrfToken: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; userAgent: string }[] = []
  const usage = new Map<string, { appId: string; personId: string; unitId: string; day: Date; opens: number }>()
  for (const { personId, unitId } of staff) {
    if (random() < 0.12) continue // never signed in: 开通率 below 100 %
    const p = habit.get(unitId)!
    for (let back = HISTORY_DAYS; back >= 1; back--) {
      const day = addDays(today, -back)
      const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6
      if (random() > (weekend ? p * 0.12 : p)) continue
      const createdAt = new Date(shanghaiInstant(day, 8 * 60 + Math.floor(random() * 120)).getTime())
      const lastSeenAt = new Date(createdAt.getTime() + minutes(10 + Math.floor(random() * 420)))
      sessions.push({ id: createHash('sha256').update(`demo-history:${personId}:${day}`).digest('hex'), personId, csrfToken: 'demo-history', createdAt, lastSeenAt, expiresAt: lastSeenAt, userAgent: 'demo history (seed)' })
      if (apps.length && random() < 0.3) {
        const appId = apps[Math.floor(random() * apps.length)]!
        usage.set(`${appId}:${personId}:${day}`, { appId, personId, unitId, day: new Date(`${day}T00:00:00Z`), opens: 1 + Math.floor(random() * 3) })
      }
    }
  }
  await tx.session.createMany({ data: sessions })
  await tx.microAppUsage.createMany({ data: [...usage.values()], skipDuplicates: true })
  for (let back = HISTORY_DAYS; back >= 0; back--) await aggregateDay(tx, addDays(today, -back))
  return { sessions: sessions.length, opens: usage.size }
}
