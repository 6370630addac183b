import { hash, verify } from '@node-rs/argon2'
import { AppError } from '../core/errors.ts'

// OWASP's argon2id baseline (19 MiB, 2 passes).
const options = { algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable under isolatedModules */, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Spend the same time on unknown accounts as on known ones, so timing does not reveal which exist.
let dummyHash: Promise<string> | undefined
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-0')
  await verifyPassword(await dummyHash, password)
}

export const MIN_PASSWORD_LENGTH = 10

/**
 * Password rules of the kind 等保 level 3 (GB/T 22239-2019, 8.1.4.1) expects: long enough, at least
 * three of four character classes, not derived from the account, not one of the last few used.
 */
export function assertPasswordRules(password: string, person: { account: string; phone?: string | null }): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 128) {
    throw new AppError('password.too_short', { min: MIN_PASSWORD_LENGTH })
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length
  if (classes < 3) throw new AppError('password.too_simple')
  const lower = password.toLowerCase()
  if (lower.includes(person.account.toLowerCase()) || (person.phone && password.includes(person.phone))) {
    throw new AppError('password.contains_account')
  }
}
