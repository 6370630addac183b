import type { Db, Tx } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'

/** Refuse at once when this client address is locked out. */
export async function assertAddressNotLocked(db: Db, ip: string | null): Promise<void> {
  if (!ip) return
  const row = await db.signInThrottle.findUnique({ where: { ip } })
  if (row?.lockedUntil && row.lockedUntil > clock.now()) {
    throw new AppError('auth.ip_locked', { until: row.lockedUntil })
  }
}

/** Count a failed sign-in from this address; lock the address after too many in the window. */
export async function recordAddressFailure(tx: Tx, ip: string | null): Promise<void> {
  if (!ip) return
  const { SIGNIN_IP_MAX_FAILURES, SIGNIN_IP_WINDOW_MINUTES, SIGNIN_LOCK_MINUTES } = config()
  const now = clock.now()
  const windowStart = new Date(now.getTime() - minutes(SIGNIN_IP_WINDOW_MINUTES))
  // Row lock: concurrent failures from one address must all count.
  await tx.$executeRaw`INSERT INTO "SignInThrottle" (ip, failures, "windowStartedAt") VALUES (${ip}, 0, ${now}) ON CONFLICT (ip) DO NOTHING`
  const [row] = await tx.$queryRaw<{ failures: number; windowStartedAt: Date }[]>`
    SELECT failures, "windowStartedAt" FROM "SignInThrottle" WHERE ip = ${ip} FOR UPDATE`
  const inWindow = row!.windowStartedAt > windowStart
  const failures = inWindow ? row!.failures + 1 : 1
  await tx.signInThrottle.update({
    where: { ip },
    data: {
      failures: failures >= SIGNIN_IP_MAX_FAILURES ? 0 : failures,
      windowStartedAt: inWindow ? row!.windowStartedAt : now,
      lockedUntil: failures >= SIGNIN_IP_MAX_FAILURES ? new Date(now.getTime() + minutes(SIGNIN_LOCK_MINUTES)) : undefined,
    },
  })
}
