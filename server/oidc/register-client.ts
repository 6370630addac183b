import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { randomToken, sha256Hex } from '../core/crypto.ts'
import { clock } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { oidcPolicy } from './policy.ts'
import { registerClientInput, type RegisterClientInput } from './schemas.ts'

export const newClientSecret = () => randomToken(32)

/**
 * Register a relying party for a unit in the actor's app.manage scope. The secret is returned once
 * (only its SHA-256 is kept); redirect URIs are matched exactly.
 */
export async function registerClient(db: Db, actor: Actor, raw: RegisterClientInput & { appId?: string }, context: RequestContext): Promise<{ id: string; clientId: string; clientSecret: string }> {
  const input = registerClientInput.parse(raw)
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } })
  if (!unit || !oidcPolicy.mayManageIn(actor, unit)) throw new AppError('not_found')
  const clientId = `xt-${randomToken(9).replace(/[^A-Za-z0-9]/g, '').toLowerCase().slice(0, 12)}`
  const clientSecret = newClientSecret()
  const client = await db.$transaction(async (tx) => {
    const created = await tx.oidcClient.create({
      data: {
        clientId, name: input.name, unitId: unit.id, secretHash: sha256Hex(clientSecret),
        redirectUris: input.redirectUris, postLogoutRedirectUris: input.postLogoutRedirectUris, scopes: input.scopes,
        appId: raw.appId ?? null, createdById: actor.personId, createdAt: clock.now(),
      },
    })
    await recordAudit(tx, { actor, action: 'oidc.client_registered', objectType: 'oidc_client', objectId: clientId, details: { name: input.name, unitId: unit.id, redirectUris: input.redirectUris, scopes: input.scopes }, context })
    return created
  })
  return { id: client.id, clientId, clientSecret }
}
