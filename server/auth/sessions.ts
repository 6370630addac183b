import type { Db, Tx } from '../core/db/index.ts'
import { clock, hours, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { randomToken, sha256Hex } from '../core/crypto.ts'
import type { RequestContext } from '../core/request-context.ts'
import { authCache } from './auth-cache.ts'

export type NewSession = { token: string; csrfToken: string; expiresAt: Date }

/** A fresh session id at every sign-in (no fixation); the cookie holds the token, the table its hash. */
export async function createSession(
  tx: Tx,
  personId: string,
  context: RequestContext,
  isSecondFactorPending: boolean,
): Promise<NewSession> {
  const token = randomToken()
  const csrfToken = randomToken()
  const now = clock.now()
  const expiresAt = new Date(now.getTime() + hours(config().SESSION_MAX_HOURS))
  await tx.session.create({
    data: {
      id: sha256Hex(token),
      personId,
      csrfToken,
      isSecondFactorPending,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: context.ip,
      userAgent: context.userAgent?.slice(0, 300) ?? null,
    },
  })
  return { token, csrfToken, expiresAt }
}

export type ResolvedSession = {
  id: string
  csrfToken: string
  isSecondFactorPending: boolean
  person: { id: string; name: string; account: string; mustChangePassword: boolean; passwordChangedAt: Date | null }
}

/**
 * The live session for a cookie token, or null. Expired sessions (idle or absolute) are deleted;
 * a disabled person has none (their sessions are deleted when they are disabled, and checked here too).
 */
export async function resolveSession(db: Db, token: string | undefined): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null
  const id = sha256Hex(token)
  // Every request runs this: from memory while nothing about the session changed (auth-cache.ts),
  // else one joined query rather than the two a relation include costs.
  let row = authCache.session<SessionRow>(id)
  if (!row) {
    const epoch = authCache.epoch()
    ;[row] = await db.$queryRaw<SessionRow[]>`
      SELECT s."csrfToken", s."isSecondFactorPending", s."lastSeenAt", s."expiresAt",
             p.id AS "personId", p.name, p.account, p."isActive", p."mustChangePassword", p."passwordChangedAt"
        FROM "Session" s JOIN "Person" p ON p.id = s."personId"
       WHERE s.id = ${id}`
    if (!row) return null
    authCache.keepSession(id, row.personId, row, epoch)
  }
  const now = clock.now()
  const idleLimit = new Date(row.lastSeenAt.getTime() + minutes(config().SESSION_IDLE_MINUTES))
  if (!row.isActive || now >= row.expiresAt || now >= idleLimit) {
    authCache.dropSession(id)
    await db.session.deleteMany({ where: { id } })
    return null
  }
  // Touch at most once a minute: the idle timer needs no more precision than that.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.session.update({ where: { id }, data: { lastSeenAt: now } })
    authCache.touchSession<SessionRow>(id, (r) => ({ ...r, lastSeenAt: now }))
  }
  return {
    id,
    csrfToken: row.csrfToken,
    isSecondFactorPending: row.isSecondFactorPending,
    person: { id: row.personId, name: row.name, account: row.account, mustChangePassword: row.mustChangePassword, passwordChangedAt: row.passwordChangedAt },
  }
}

type SessionRow = {
  csrfToken: string; isSecondFactorPending: boolean; lastSeenAt: Date; expiresAt: Date
  personId: string; name: string; account: string; isActive: boolean; mustChangePassword: boolean; passwordChangedAt: Date | null
}

export function sessionIdOf(token: string): string {
  return sha256Hex(token)
}
