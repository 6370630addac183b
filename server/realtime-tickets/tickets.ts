import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'

export type Right = 'edit' | 'read'
/**
 * `sessionId`: the sign-in session the ticket was issued in. The co-editing server serves the ticket
 * only while that session lasts (signing out, deactivation and a password change end it).
 */
export type Ticket = { doc: string; personId: string; sessionId: string; name: string; right: Right; exp: number }

const SECRET_KEY = 'realtimeTicketSecret'

/** The key tickets are signed with: REALTIME_SECRET, or one made on first use and kept in the database. */
export async function ticketSecret(db: Db): Promise<Buffer> {
  if (process.env.REALTIME_SECRET) return Buffer.from(process.env.REALTIME_SECRET)
  const existing = await db.systemSetting.findUnique({ where: { key: SECRET_KEY } })
  if (existing) return Buffer.from(existing.value as string, 'base64')
  await db.systemSetting.createMany({ data: [{ key: SECRET_KEY, value: randomBytes(32).toString('base64') }], skipDuplicates: true })
  return ticketSecret(db)
}

function sign(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url')
}

/** A short-lived signed ticket naming the document, the person, their session and their right. */
export function signTicket(secret: Buffer, ticket: Omit<Ticket, 'exp'>, ttlMs = minutes(5)): string {
  const body = Buffer.from(JSON.stringify({ ...ticket, exp: clock.now().getTime() + ttlMs })).toString('base64url')
  return `${body}.${sign(secret, body)}`
}

/** The ticket's contents if it is genuine, unexpired and for this document; otherwise null. */
export function verifyTicket(secret: Buffer, token: string | null | undefined, doc: string): Ticket | null {
  if (!token || token.length > 2000) return null
  const [body, mac] = token.split('.')
  if (!body || !mac) return null
  const expected = Buffer.from(sign(secret, body))
  const given = Buffer.from(mac)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const ticket = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Ticket
    if (ticket.doc !== doc || ticket.exp < clock.now().getTime() || (ticket.right !== 'edit' && ticket.right !== 'read')) return null
    if (typeof ticket.sessionId !== 'string' || !ticket.sessionId) return null
    return ticket
  } catch {
    return null
  }
}
