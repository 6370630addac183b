/**
 * oidc-provider's storage in PostgreSQL: every model (Session, Grant, AuthorizationCode, AccessToken,
 * RefreshToken, Interaction, …) in one table, `OidcPayload`, keyed by (model, id). Expiry is judged
 * with `clock.now()` so tests move time instead of waiting; consumed codes and tokens keep their row
 * (marked) so a reused code is recognised and its grant revoked. Clients come from `OidcClient`.
 */
import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { clientMetadata } from './client-metadata.ts'

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string }
type Row = { payload: Payload; expiresAt: Date | null; consumedAt: Date | null }

export function pgAdapter(db: Db) {
  return class PgAdapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(clock.now().getTime() + expiresIn * 1000) : null
      await db.$executeRaw`
        INSERT INTO "OidcPayload" (model, id, payload, "grantId", "userCode", uid, "expiresAt")
        VALUES (${this.model}, ${id}, ${JSON.stringify(payload)}::jsonb, ${payload.grantId ?? null}, ${payload.userCode ?? null}, ${payload.uid ?? null}, ${expiresAt})
        ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, "grantId" = EXCLUDED."grantId",
          "userCode" = EXCLUDED."userCode", uid = EXCLUDED.uid, "expiresAt" = EXCLUDED."expiresAt"`
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.model === 'Client') return clientMetadata(db, id)
      const [row] = await db.$queryRaw<Row[]>`SELECT payload, "expiresAt", "consumedAt" FROM "OidcPayload" WHERE model = ${this.model} AND id = ${id}`
      return live(row)
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const [row] = await db.$queryRaw<Row[]>`SELECT payload, "expiresAt", "consumedAt" FROM "OidcPayload" WHERE model = ${this.model} AND uid = ${uid} LIMIT 1`
      return live(row)
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const [row] = await db.$queryRaw<Row[]>`SELECT payload, "expiresAt", "consumedAt" FROM "OidcPayload" WHERE model = ${this.model} AND "userCode" = ${userCode} LIMIT 1`
      return live(row)
    }

    async consume(id: string): Promise<void> {
      await db.$executeRaw`UPDATE "OidcPayload" SET "consumedAt" = ${clock.now()} WHERE model = ${this.model} AND id = ${id}`
    }

    async destroy(id: string): Promise<void> {
      await db.$executeRaw`DELETE FROM "OidcPayload" WHERE model = ${this.model} AND id = ${id}`
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.$executeRaw`DELETE FROM "OidcPayload" WHERE "grantId" = ${grantId}`
    }
  }
}

function live(row: Row | undefined): Payload | undefined {
  if (!row) return undefined
  if (row.expiresAt && row.expiresAt <= clock.now()) return undefined
  return row.consumedAt ? { ...row.payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : row.payload
}

/** Rows past their expiry (the sweep). */
export async function deleteExpiredOidcPayloads(db: Db): Promise<number> {
  return db.$executeRaw`DELETE FROM "OidcPayload" WHERE "expiresAt" < ${clock.now()}`
}
