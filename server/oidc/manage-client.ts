import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { sha256Hex } from '../core/crypto.ts'
import { clock } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { oidcPolicy } from './policy.ts'
import { newClientSecret } from './register-client.ts'
import { updateClientInput, type UpdateClientInput } from './schemas.ts'

/** The client row locked for change, if the actor manages its unit; otherwise not found. */
async function lockClient(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "OidcClient" WHERE id = ${id}::uuid FOR UPDATE`
  if (!row) throw new AppError('not_found')
  const client = await tx.oidcClient.findUniqueOrThrow({ where: { id } })
  const unit = await tx.unit.findUnique({ where: { id: client.unitId }, select: { path: true } })
  if (!unit || !oidcPolicy.mayManageIn(actor, unit)) throw new AppError('not_found')
  return client
}

/** A new secret, shown once; the old one stops working at once. */
export async function rotateClientSecret(db: Db, actor: Actor, id: string, revision: number, context: RequestContext): Promise<{ clientSecret: string; revision: number }> {
  const clientSecret = newClientSecret()
  return db.$transaction(async (tx) => {
    const client = await lockClient(tx, actor, id)
    if (client.revision !== revision) throw new AppError('conflict')
    const updated = await tx.oidcClient.update({ where: { id }, data: { secretHash: sha256Hex(clientSecret), secretRotatedAt: clock.now(), revision: { increment: 1 } } })
    await recordAudit(tx, { actor, action: 'oidc.client_secret_rotated', objectType: 'oidc_client', objectId: client.clientId, context })
    return { clientSecret, revision: updated.revision }
  })
}

/** Change name, redirect URIs, scopes, or disable (a disabled client is unknown to the provider). */
export async function updateClient(db: Db, actor: Actor, id: string, raw: UpdateClientInput, context: RequestContext) {
  const input = updateClientInput.parse(raw)
  return db.$transaction(async (tx) => {
    const client = await lockClient(tx, actor, id)
    if (client.revision !== input.revision) throw new AppError('conflict')
    const updated = await tx.oidcClient.update({
      where: { id },
      data: {
        name: input.name, redirectUris: input.redirectUris, postLogoutRedirectUris: input.postLogoutRedirectUris, scopes: input.scopes,
        ...(input.disabled === undefined ? {} : { disabledAt: input.disabled ? clock.now() : null }),
        revision: { increment: 1 },
      },
    })
    if (input.disabled) await tx.$executeRaw`DELETE FROM "OidcPayload" WHERE model IN ('AccessToken', 'RefreshToken', 'AuthorizationCode', 'Grant') AND payload->>'clientId' = ${client.clientId}`
    const { revision: _r, ...changed } = input
    await recordAudit(tx, { actor, action: 'oidc.client_updated', objectType: 'oidc_client', objectId: client.clientId, details: changed, context })
    return updated
  })
}

/** The clients of the units the actor manages, newest first. */
export async function listClients(db: Db, actor: Actor) {
  const unitIds = await oidcPolicy.manageableUnitIds(db, actor)
  const clients = await db.oidcClient.findMany({ where: { unitId: { in: unitIds } }, orderBy: { createdAt: 'desc' }, take: 200 })
  const units = new Map((await db.unit.findMany({ where: { id: { in: [...new Set(clients.map((c) => c.unitId))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  return clients.map(({ secretHash: _s, ...c }) => ({ ...c, unitName: units.get(c.unitId) ?? '' }))
}
