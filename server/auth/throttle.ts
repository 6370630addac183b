import type { Db, Tx } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'

/**
 * Brute force across accounts from one client address: every sign-in attempt is counted before the
 * password is checked (one statement that increments and says whether the attempt may go on, so a
 * parallel burst cannot slip past the limit); a correct password gives its attempt back. After
 * SIGNIN_IP_MAX_FAILURES in the window the address is locked for SIGNIN_LOCK_MINUTES.
 */
export async function countAddressAttempt(db: Db | Tx, ip: string | null): Promise<{ isAllowed: boolean; lockedUntil: Date | null }> {
  if (!ip) return { isAllowed: true, lockedUntil: null }
  const { SIGNIN_IP_MAX_FAILURES: max, SIGNIN_IP_WINDOW_MINUTES, SIGNIN_LOCK_MINUTES } = config()
  const now = clock.now()
  const windowStart = new Date(now.getTime() - minutes(SIGNIN_IP_WINDOW_MINUTES))
  const lockUntil = new Date(now.getTime() + minutes(SIGNIN_LOCK_MINUTES))
  // A new window starts when the last one is over, or the lock has expired.
  const [row] = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    INSERT INTO "SignInThrottle" AS t (ip, failures, "windowStartedAt", "lockedUntil")
    VALUES (${ip}, 1, ${now}, ${max <= 1 ? lockUntil : null})
    ON CONFLICT (ip) DO UPDATE SET
      failures = CASE WHEN t."lockedUntil" <= ${now} OR (t."lockedUntil" IS NULL AND t."windowStartedAt" <= ${windowStart}) THEN 1 ELSE t.failures + 1 END,
      "windowStartedAt" = CASE WHEN t."lockedUntil" <= ${now} OR (t."lockedUntil" IS NULL AND t."windowStartedAt" <= ${windowStart}) THEN ${now} ELSE t."windowStartedAt" END,
      "lockedUntil" = CASE
        WHEN t."lockedUntil" > ${now} THEN t."lockedUntil"
        WHEN (CASE WHEN t."lockedUntil" <= ${now} OR (t."lockedUntil" IS NULL AND t."windowStartedAt" <= ${windowStart}) THEN 1 ELSE t.failures + 1 END) >= ${max} THEN ${lockUntil}
        ELSE NULL END
    RETURNING failures, "lockedUntil"`
  const isAllowed = row!.failures <= max && (row!.lockedUntil === null || row!.failures === max)
  return { isAllowed, lockedUntil: row!.lockedUntil }
}

/** A correct password from this address: its attempt was not a failure. */
export async function refundAddressSignIn(db: Db | Tx, ip: string | null): Promise<void> {
  if (!ip) return
  const { SIGNIN_IP_MAX_FAILURES: max } = config()
  // Below the limit again, a lock this very attempt set is lifted.
  await db.$executeRaw`
    UPDATE "SignInThrottle" SET failures = GREATEST(failures - 1, 0),
      "lockedUntil" = CASE WHEN failures - 1 < ${max} THEN NULL ELSE "lockedUntil" END
    WHERE ip = ${ip}`
}
