import { db } from '@/server/core/db/index.ts'
import { checkIn, checkInInput } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 签到 with the room screen's QR token or short code. */
export const POST = endpoint({ input: checkInInput }, async ({ actor, input, context, params }) => checkIn(db(), actor, params.id!, input, context))
