import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { draftMeetingDocument } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const input = z.object({ kind: z.enum(['notice', 'minutes']) })

/** Draft the 会议通知 or the 纪要 as an official document prefilled from the meeting. */
export const POST = endpoint({ input }, async ({ actor, input, context, params }) => draftMeetingDocument(db(), actor, params.id!, input.kind, context))
