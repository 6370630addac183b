import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { clock } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { visibleApp } from './visible-installs.ts'

/** The person allows one scope of an app they can open (asked on first use). */
export async function grantConsent(db: Db, actor: Actor, input: { appId: string; scope: string }, context: RequestContext) {
  const app = await visibleApp(db, actor.personId, input.appId)
  if (!app) throw new AppError('not_found')
  if (!app.grantedScopes.includes(input.scope)) throw new AppError('microapp.scope_not_granted', { scope: input.scope })
  await db.$transaction(async (tx) => {
    await tx.microAppConsent.upsert({ where: { personId_appId_scope: { personId: actor.personId, appId: app.appId, scope: input.scope } }, create: { personId: actor.personId, appId: app.appId, scope: input.scope, grantedAt: clock.now() }, update: {} })
    await recordAudit(tx, { actor, action: 'microapp.consent_granted', objectType: 'microapp', objectId: app.appId, details: { scope: input.scope }, context })
  })
}

/** Withdraw consent (all scopes of the app unless one is named): the next call asks again. */
export async function revokeConsent(db: Db, actor: Actor, input: { appId: string; scope?: string }, context: RequestContext) {
  await db.$transaction(async (tx) => {
    await tx.microAppConsent.deleteMany({ where: { personId: actor.personId, appId: input.appId, ...(input.scope ? { scope: input.scope } : {}) } })
    await recordAudit(tx, { actor, action: 'microapp.consent_revoked', objectType: 'microapp', objectId: input.appId, details: { scope: input.scope ?? null }, context })
  })
}
