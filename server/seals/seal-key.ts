import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { publicKeyOf } from './sm2.ts'

const SETTING = 'sealKey'

/**
 * The platform's seal key, which encrypts every seal's private key: SEAL_KEY (recommended: keep it
 * outside the database, e.g. in the deployment's secret store), or one made on first use and kept in
 * SystemSetting (then a copy of the database is enough to use the seals: fine for a demo only).
 */
export async function platformSealKey(db: Db | Tx): Promise<Buffer> {
  const fromEnv = process.env.SEAL_KEY
  if (fromEnv) {
    if (fromEnv.length < 32) throw new AppError('internal', {}, { reason: 'SEAL_KEY must have at least 32 characters' })
    return Buffer.from(fromEnv)
  }
  const existing = await db.systemSetting.findUnique({ where: { key: SETTING } })
  if (existing) return Buffer.from(existing.value as string, 'base64')
  await db.systemSetting.createMany({ data: [{ key: SETTING, value: randomBytes(32).toString('base64') }], skipDuplicates: true })
  return platformSealKey(db)
}

/** Separate keys for SM4 and for the SM3-HMAC over the ciphertext, derived from the platform key. */
const derive = (master: Buffer, label: string) => createHmac('sm3', master).update(`xietong seal ${label}`).digest()

/**
 * SM4-CBC, then HMAC-SM3 over the public key, IV and ciphertext (encrypt-then-MAC): a key cannot be
 * changed or moved to another seal's row without the check failing. Format: `sm4cbc-hmacsm3.iv.ct.mac`.
 */
export function wrapPrivateKey(master: Buffer, privateKey: string, publicKey: string): string {
  const iv = randomBytes(16)
  const cipher = createCipheriv('sm4-cbc', derive(master, 'enc').subarray(0, 16), iv)
  const ct = Buffer.concat([cipher.update(Buffer.from(privateKey, 'hex')), cipher.final()])
  const mac = createHmac('sm3', derive(master, 'mac')).update(publicKey).update(iv).update(ct).digest()
  return ['sm4cbc-hmacsm3', iv, ct, mac].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
}

/** The private key, or `seal.key_unavailable` when it was wrapped under another platform key or altered. */
export function unwrapPrivateKey(master: Buffer, wrapped: string, publicKey: string): string {
  const [scheme, ivText, ctText, macText] = wrapped.split('.')
  if (scheme !== 'sm4cbc-hmacsm3' || !ivText || !ctText || !macText) throw new AppError('seal.key_unavailable')
  const [iv, ct, mac] = [ivText, ctText, macText].map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer]
  const expected = createHmac('sm3', derive(master, 'mac')).update(publicKey).update(iv).update(ct).digest()
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new AppError('seal.key_unavailable')
  const decipher = createDecipheriv('sm4-cbc', derive(master, 'enc').subarray(0, 16), iv)
  const privateKey = Buffer.concat([decipher.update(ct), decipher.final()]).toString('hex')
  if (publicKeyOf(privateKey) !== publicKey) throw new AppError('seal.key_unavailable')
  return privateKey
}
