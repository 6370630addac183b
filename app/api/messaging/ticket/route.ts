import { db } from '@/server/core/db/index.ts'
import { messagingTicket } from '@/server/messaging/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** A one-minute ticket for the live socket (same origin, path in the answer). */
export const POST = endpoint({}, async ({ actor }) => messagingTicket(db(), actor))
