import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Ticket } from '../server/realtime-tickets/index.ts'

/** Client ids one connection may show presence for (a tab has one; a few for reconnect races). */
const MAX_CLIENTS_PER_CONNECTION = 4

/**
 * Presence (awareness) as the server passes it on: a connection speaks only for client ids that are
 * its own (or that nobody here holds yet, up to a few), and whatever state it sends is stamped with
 * the ticket's person (`user.name`, `user.id`), so nobody can show up under another person's name or
 * overwrite or remove another client's cursor. Entries that break this are dropped; the rest are
 * re-encoded. Returns null when nothing is left. Throws on a malformed update (the connection closes).
 */
export function guardAwareness(update: Uint8Array, ticket: Pick<Ticket, 'personId' | 'name'>, own: ReadonlySet<number>, isTaken: (clientId: number) => boolean): Uint8Array | null {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const kept: { clientId: number; clock: number; state: string }[] = []
  let claimed = own.size
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    if (!own.has(clientId)) {
      if (isTaken(clientId) || claimed >= MAX_CLIENTS_PER_CONNECTION) continue
      claimed++
    }
    const state: unknown = JSON.parse(json)
    if (state === null) {
      kept.push({ clientId, clock, state: 'null' })
      continue
    }
    if (typeof state !== 'object' || Array.isArray(state)) continue
    const user = (state as { user?: unknown }).user
    const stamped = { ...state, user: { ...(user && typeof user === 'object' && !Array.isArray(user) ? user : {}), name: ticket.name, id: ticket.personId } }
    kept.push({ clientId, clock, state: JSON.stringify(stamped) })
  }
  if (kept.length === 0) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const { clientId, clock, state } of kept) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}
