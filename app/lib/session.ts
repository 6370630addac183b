import { cache } from 'react'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { hasPermission, type Actor, type Permission } from '@/server/core/authz/index.ts'
import { isPasswordChangeDue, loadActor, resolveSession } from '@/server/auth/index.ts'
import { countOpenInbox } from '@/server/inbox/index.ts'
import { sessionCookieName } from './cookies.ts'

/** The signed-in person for a page render, once per request. */
export const currentSession = cache(async () => {
  const session = await resolveSession(db(), (await cookies()).get(sessionCookieName())?.value)
  if (!session) return null
  return { session, actor: await loadActor(db(), session) }
})

/** For pages behind sign-in: send everyone else to the right step. */
export async function requireActor(options: { allowPasswordDue?: boolean } = {}): Promise<Actor> {
  const current = await currentSession()
  if (!current) {
    const path = (await headers()).get('x-invoke-path') ?? ''
    redirect(path && path !== '/' ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in')
  }
  if (current.session.isSecondFactorPending) redirect('/sign-in?step=second-factor')
  if (!options.allowPasswordDue && isPasswordChangeDue(current.session.person)) redirect('/change-password')
  return current.actor
}

export function may(actor: Actor, permission: Permission): boolean {
  return hasPermission(actor, permission)
}

/** The person's open inbox counts for a page render, once per request (the shell's badge and the page share it). */
export const openInboxCounts = cache((personId: string) => countOpenInbox(db(), personId))
