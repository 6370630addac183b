import { generateSecret, generateURI, verify } from 'otplib'
import type { Db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'

export function newTotpSecret(): string {
  return generateSecret()
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: config().TOTP_ISSUER, label: account, secret })
}

/** Accepts the current 30-second code and one step either side (clock drift on phones). */
export async function isTotpCodeValid(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false
  const result = await verify({ secret, token: code, epoch: Math.floor(clock.now().getTime() / 1000), epochTolerance: 30 })
  return result.valid
}

/** Does any role the person holds require a second factor? */
export async function isSecondFactorRequired(db: Db, personId: string): Promise<boolean> {
  const count = await db.roleGrant.count({ where: { personId, role: { requiresTotp: true } } })
  return count > 0
}
