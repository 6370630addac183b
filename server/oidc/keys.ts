/**
 * Signing keys (JWKS). The newest active key signs; rotating makes a new one and retires the others,
 * which stay published for `RETIRED_KEEP` (longer than any token they signed lives), then go.
 * Every instance notices a rotation within the mount's key check (mount.ts).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import type { Db, Prisma } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import type { Actor } from '../core/authz/index.ts'

const RETIRED_KEEP = days(2)

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomUUID()
  return { kid, privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } }
}

/** The keys to publish and sign with, signing key first; makes the first key if there is none. */
export async function signingKeys(db: Db): Promise<Record<string, unknown>[]> {
  const now = clock.now()
  let rows = await db.oidcKey.findMany({ where: { OR: [{ removeAfter: null }, { removeAfter: { gt: now } }] }, orderBy: [{ retiredAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }] })
  if (!rows.some((r) => !r.retiredAt)) {
    const key = newKey()
    await db.oidcKey.create({ data: { kid: key.kid, privateJwk: key.privateJwk as Prisma.InputJsonValue, createdAt: now } })
    rows = [{ kid: key.kid, privateJwk: key.privateJwk as Prisma.JsonValue, createdAt: now, retiredAt: null, removeAfter: null }, ...rows]
  }
  return rows.map((r) => r.privateJwk as Record<string, unknown>)
}

/** A fingerprint of the key set: when it changes, the provider is rebuilt with the new keys. */
export async function keySetVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<{ v: string | null }[]>`SELECT string_agg(kid || coalesce("retiredAt"::text, ''), ',' ORDER BY kid) AS v FROM "OidcKey" WHERE "removeAfter" IS NULL OR "removeAfter" > ${clock.now()}`
  return row?.v ?? ''
}

/**
 * A new signing key; the previous ones are retired (still published, no longer signing) and removed
 * after two days. `actor` null: the operator command (scripts/oidc-rotate-keys.ts).
 */
export async function rotateSigningKey(db: Db, actor: Actor | null, context: RequestContext): Promise<{ kid: string }> {
  const key = newKey()
  const now = clock.now()
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(1330201667)`
    await tx.oidcKey.deleteMany({ where: { removeAfter: { lte: now } } })
    const retired = await tx.oidcKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now, removeAfter: new Date(now.getTime() + RETIRED_KEEP) } })
    await tx.oidcKey.create({ data: { kid: key.kid, privateJwk: key.privateJwk as Prisma.InputJsonValue, createdAt: now } })
    await recordAudit(tx, {
      actor: actor ? { personId: actor.personId, name: actor.name } : null,
      action: 'oidc.key_rotated', objectType: 'oidc_key', objectId: key.kid,
      details: { retired: retired.count, ...(actor ? {} : { operator: true }) }, context,
    })
  })
  return { kid: key.kid }
}
