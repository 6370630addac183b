import { db } from '@/server/core/db/index.ts'
import { decideBooking, decideBookingInput } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The room's office approves or rejects a pending booking. */
export const POST = endpoint({ permission: 'meeting.organise', input: decideBookingInput }, async ({ actor, input, context, params }) => decideBooking(db(), actor, params.id!, input, context))
