import { generateSecret, generateURI, verify } from 'otplib'
import type { Db, Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'

export function newTotpSecret(): string {
  return generateSecret()
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: config().TOTP_ISSUER, label: account, secret })
}

/**
 * The 30-second time step a code belongs to: the current step or one either side (clock drift on
 * phones); null when the code is wrong.
 */
export async function totpStepOf(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null
  const epoch = Math.floor(clock.now().getTime() / 1000)
  const result = await verify({ secret, token: code, epoch, epochTolerance: 30 })
  return result.valid ? Math.floor(epoch / 30) + result.delta : null
}

/**
 * Accept a code once: it must be right and for a later time step than the last one accepted for the
 * person (a code seen once, over a shoulder or in a log, is worth nothing after). The conditional
 * UPDATE decides between two parallel uses of one code: exactly one of them moves the step.
 */
export async function acceptTotpCode(db: Db | Tx, personId: string, secret: string, code: string): Promise<boolean> {
  const step = await totpStepOf(secret, code.trim())
  if (step === null) return false
  const moved = await db.$executeRaw`
    UPDATE "Person" SET "totpLastStep" = ${step}
     WHERE id = ${personId}::uuid AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`
  return moved === 1
}

/** Does any role the person holds require a second factor? */
export async function isSecondFactorRequired(db: Db, personId: string): Promise<boolean> {
  const count = await db.roleGrant.count({ where: { personId, role: { requiresTotp: true } } })
  return count > 0
}
