import type { Db } from '../core/db/index.ts'
import { isCookieSecure } from '../core/config.ts'
import { isPasswordChangeDue, resolveSession } from '../auth/index.ts'

/** The platform's session cookie name (the same rule as app/lib/cookies.ts). */
const sessionCookie = () => `${isCookieSecure() ? '__Host-' : ''}xt_session`

export function readCookieHeader(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='))
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

/**
 * The person behind the platform session the browser sends, only when it is complete: second factor
 * done, no password change due. Otherwise null (the login interaction sends them to /sign-in).
 */
export async function platformSessionOf(db: Db, cookieHeader: string | undefined): Promise<{ personId: string; sessionId: string } | null> {
  const session = await resolveSession(db, readCookieHeader(cookieHeader, sessionCookie()))
  if (!session || session.isSecondFactorPending) return null
  if (session.person.mustChangePassword || isPasswordChangeDue(session.person)) return null
  return { personId: session.person.id, sessionId: session.id }
}
