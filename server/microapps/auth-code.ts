/**
 * getAuthCode: a one-time code for the app's back end (like 浙政钉's免登码), valid two minutes, single
 * use. The back end exchanges it with its OIDC client credentials at /oidc/app-code for who the
 * person is (the same claims the provider gives).
 */
import type { Db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { randomToken, sha256Hex } from '../core/crypto.ts'

export const AUTH_CODE_TTL_MS = minutes(2)

export async function issueAuthCode(db: Db, input: { appId: string; clientId: string; personId: string }): Promise<string> {
  const code = randomToken(24)
  await db.microAppAuthCode.create({ data: { codeHash: sha256Hex(code), ...input, expiresAt: new Date(clock.now().getTime() + AUTH_CODE_TTL_MS) } })
  return code
}

/** The person's id for a live, unused code of this client; the code is spent by the same statement. */
export async function consumeAuthCode(db: Db, clientId: string, code: string): Promise<{ personId: string; appId: string } | null> {
  const now = clock.now()
  const [row] = await db.$queryRaw<{ personId: string; appId: string }[]>`
    UPDATE "MicroAppAuthCode" SET "consumedAt" = ${now}
     WHERE "codeHash" = ${sha256Hex(code)} AND "clientId" = ${clientId} AND "consumedAt" IS NULL AND "expiresAt" > ${now}
     RETURNING "personId", "appId"`
  return row ?? null
}

export async function deleteSpentAuthCodes(db: Db): Promise<number> {
  return db.microAppAuthCode.deleteMany({ where: { expiresAt: { lt: new Date(clock.now().getTime() - minutes(10)) } } }).then((r) => r.count)
}
