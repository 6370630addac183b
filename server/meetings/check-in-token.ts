import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db, Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'

/** The QR on the room's screen changes every 30 s; a code from the step before is still taken (a scan at the turn). */
export const CHECK_IN_STEP_MS = 30_000
const SECRET_KEY = 'meetingCheckInSecret'

// One value per process (it never changes once made): a check-in should not read it every time.
let cached: { url: string; secret: Buffer } | undefined

export async function checkInSecret(db: Db | Tx): Promise<Buffer> {
  if (process.env.MEETING_CHECKIN_SECRET) return Buffer.from(process.env.MEETING_CHECKIN_SECRET)
  const url = process.env.DATABASE_URL ?? ''
  if (cached?.url === url) return cached.secret
  const existing = await db.systemSetting.findUnique({ where: { key: SECRET_KEY } })
  if (existing) {
    cached = { url, secret: Buffer.from(existing.value as string, 'base64') }
    return cached.secret
  }
  await db.systemSetting.createMany({ data: [{ key: SECRET_KEY, value: randomBytes(32).toString('base64') }], skipDuplicates: true })
  return checkInSecret(db)
}

export const currentStep = (at = clock.now()) => Math.floor(at.getTime() / CHECK_IN_STEP_MS)

const mac = (secret: Buffer, meetingId: string, step: number, purpose: 'qr' | 'code') => createHmac('sha256', secret).update(`${purpose}:${meetingId}:${step}`).digest()

/** The token in the QR (`<step>.<mac>`) and the six-digit code under it, for one meeting and time step. */
export function checkInCodes(secret: Buffer, meetingId: string, step = currentStep()) {
  const token = `${step}.${mac(secret, meetingId, step, 'qr').subarray(0, 16).toString('base64url')}`
  const code = String(mac(secret, meetingId, step, 'code').readUInt32BE(0) % 1_000_000).padStart(6, '0')
  return { token, code, step, expiresAt: new Date((step + 1) * CHECK_IN_STEP_MS) }
}

/** Is this QR token or short code the meeting's, from this time step or the one before? A photo sent on goes stale in 30–60 s. */
export function isFreshCheckIn(secret: Buffer, meetingId: string, given: { token?: string; code?: string }, now = clock.now()): boolean {
  const step = currentStep(now)
  for (const s of [step, step - 1]) {
    const expected = checkInCodes(secret, meetingId, s)
    const [a, b] = given.token ? [expected.token, given.token] : [expected.code, given.code ?? '']
    if (a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))) return true
  }
  return false
}
