import type { Db, Tx } from '../core/db/index.ts'
import { clock, hours, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { randomToken, sha256Hex } from '../core/crypto.ts'
import type { RequestContext } from '../core/request-context.ts'

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
  const session = await db.session.findUnique({
    where: { id },
    include: { person: { select: { id: true, name: true, account: true, isActive: true, mustChangePassword: true, passwordChangedAt: true } } },
  })
  if (!session) return null
  const now = clock.now()
  const idleLimit = new Date(session.lastSeenAt.getTime() + minutes(config().SESSION_IDLE_MINUTES))
  if (!session.person.isActive || now >= session.expiresAt || now >= idleLimit) {
    await db.session.deleteMany({ where: { id } })
    return null
  }
  // Touch at most once a minute: the idle timer needs no more precision than that.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.session.update({ where: { id }, data: { lastSeenAt: now } })
  }
  const { person } = session
  return {
    id,
    csrfToken: session.csrfToken,
    isSecondFactorPending: session.isSecondFactorPending,
    person: { id: person.id, name: person.name, account: person.account, mustChangePassword: person.mustChangePassword, passwordChangedAt: person.passwordChangedAt },
  }
}

export function sessionIdOf(token: string): string {
  return sha256Hex(token)
}
