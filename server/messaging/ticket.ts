import type { Actor } from '../core/authz/index.ts'
import type { Db } from '../core/db/index.ts'
import { minutes } from '../core/clock.ts'
import { signTicket, ticketSecret } from '../realtime-tickets/index.ts'

/** The name messaging tickets carry in place of a co-edited document's. */
export const MESSAGING_TICKET_DOC = 'messaging'
/** Where the live socket listens on the platform's own server (same origin: the page's CSP 'self'). */
export const MESSAGING_SOCKET_PATH = '/api/messaging/socket'

/**
 * A short-lived signed ticket for the live socket, like co-editing's: it names the person and the
 * session it was issued in; the socket serves it only while that session lasts.
 */
export async function messagingTicket(db: Db, actor: Actor): Promise<{ ticket: string; path: string }> {
  const secret = await ticketSecret(db)
  return { ticket: signTicket(secret, { doc: MESSAGING_TICKET_DOC, personId: actor.personId, sessionId: actor.sessionId, name: actor.name, right: 'read' }, minutes(1)), path: MESSAGING_SOCKET_PATH }
}
