import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** SM3 (GB/T 32905) as hex; Node's OpenSSL build provides it. */
export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex')
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
