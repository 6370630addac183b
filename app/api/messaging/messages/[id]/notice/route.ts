import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { sendMessageAsNotice } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

const input = z.object({ urgency: z.enum(['URGENT', 'EXTRA_URGENT']).optional() })

/** 必达: the sender sends their message as an urgent notice to the conversation's other members. */
export const POST = endpoint({ input }, async ({ actor, params, input, context }) => sendMessageAsNotice(db(), actor, params.id!, input, context))
