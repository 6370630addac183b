import type { Db, Tx } from '../core/db/index.ts'
import { clock, days, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'

/**
 * Brute-force protection for one account. Every attempt at one of its secrets (password, second-factor
 * code, current password) is counted BEFORE the secret is checked, by one statement that increments
 * and says whether the attempt may go on: parallel guesses queue on the row lock, so at most
 * SIGNIN_MAX_FAILURES are ever checked before the lock, however many arrive at once. The attempt that
 * reaches the limit sets the lock itself and is still checked; a success resets the count.
 *
 * Lockout is a denial of service for anyone who can name an account, so while an account is locked one
 * way stays open: an account with a second factor, from an address that has made no attempt against it
 * that did not succeed (SignInAttempt, one row per account and address), may still sign in with its
 * password and then its code. One attempt in flight per address, so a clean address gets one guess.
 * Accounts without a second factor stay locked until the lock expires or the security administrator
 * unlocks them.
 */
export type AttemptVerdict = {
  isAllowed: boolean
  /** Allowed only through the locked account's clean-address way; the second factor must follow. */
  isThroughLock: boolean
  attempts: number
  lockedUntil: Date | null
}

// An address's failures against an account are forgotten after a day without any.
const ADDRESS_MEMORY_DAYS = 1

export async function countAccountAttempt(db: Db | Tx, personId: string, ip: string | null): Promise<AttemptVerdict> {
  const { SIGNIN_MAX_FAILURES: max, SIGNIN_LOCK_MINUTES } = config()
  const now = clock.now()
  const lockUntil = new Date(now.getTime() + minutes(SIGNIN_LOCK_MINUTES))
  const staleBefore = new Date(now.getTime() - days(ADDRESS_MEMORY_DAYS))
  const address = ip ?? ''
  // One statement: the address's row (upserted), stale rows of other addresses (deleted), and the
  // account's count and lock. A lock that has expired starts the count again at 1.
  const [row] = await db.$queryRaw<{ attempts: number; lockedUntil: Date | null; hasSecondFactor: boolean; addressAttempts: number }[]>`
    WITH address AS (
      INSERT INTO "SignInAttempt" ("personId", ip, attempts, "lastAttemptAt") VALUES (${personId}::uuid, ${address}, 1, ${now})
      ON CONFLICT ("personId", ip) DO UPDATE SET
        attempts = CASE WHEN "SignInAttempt"."lastAttemptAt" < ${staleBefore} THEN 1 ELSE "SignInAttempt".attempts + 1 END,
        "lastAttemptAt" = EXCLUDED."lastAttemptAt"
      RETURNING attempts
    ), forgotten AS (
      DELETE FROM "SignInAttempt" WHERE "personId" = ${personId}::uuid AND ip <> ${address} AND "lastAttemptAt" < ${staleBefore}
    )
    UPDATE "Person" SET
      "failedSignInCount" = CASE WHEN "lockedUntil" <= ${now} THEN 1 ELSE "failedSignInCount" + 1 END,
      "lockedUntil" = CASE
        WHEN "lockedUntil" > ${now} THEN "lockedUntil"
        WHEN (CASE WHEN "lockedUntil" <= ${now} THEN 1 ELSE "failedSignInCount" + 1 END) >= ${max} THEN ${lockUntil}
        ELSE NULL END
    WHERE id = ${personId}::uuid
    RETURNING "failedSignInCount" AS attempts, "lockedUntil", "totpEnabledAt" IS NOT NULL AS "hasSecondFactor",
              (SELECT attempts FROM address) AS "addressAttempts"`
  if (!row) return { isAllowed: false, isThroughLock: false, attempts: 0, lockedUntil: null }
  // Within the limit: the lock is unset, or this very attempt reached the limit and set it.
  const isWithinLimit = row.attempts <= max && (row.lockedUntil === null || row.attempts === max)
  const isThroughLock = !isWithinLimit && row.hasSecondFactor && ip !== null && row.addressAttempts === 1
  return { isAllowed: isWithinLimit || isThroughLock, isThroughLock, attempts: row.attempts, lockedUntil: row.lockedUntil }
}

/**
 * The person is through (password and second factor, or a password where none is needed): the count
 * and the lock are reset and this address's attempts forgotten. A lock that attempts beyond the limit
 * found in place (someone else's guesses; this person came through the clean-address way) stays.
 */
export async function recordAccountSuccess(db: Db | Tx, personId: string, ip: string | null): Promise<void> {
  const { SIGNIN_MAX_FAILURES: max } = config()
  const now = clock.now()
  await db.$executeRaw`
    UPDATE "Person" SET "failedSignInCount" = 0, "lockedUntil" = NULL
     WHERE id = ${personId}::uuid AND NOT ("lockedUntil" > ${now} AND "failedSignInCount" > ${max})`
  await db.$executeRaw`DELETE FROM "SignInAttempt" WHERE "personId" = ${personId}::uuid AND ip = ${ip ?? ''}`
}

/**
 * A step succeeded but the person is not through yet (password right, second factor next): the
 * address's attempt is given back so the code can follow from it; the account's count stays, so codes
 * cannot be guessed by signing in again and again with a known password.
 */
export async function refundAddressAttempt(db: Db | Tx, personId: string, ip: string | null): Promise<void> {
  await db.$executeRaw`
    UPDATE "SignInAttempt" SET attempts = GREATEST(attempts - 1, 0) WHERE "personId" = ${personId}::uuid AND ip = ${ip ?? ''}`
}
