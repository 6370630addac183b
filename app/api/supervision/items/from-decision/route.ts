import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { createItemFromMeetingDecision } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 会议议定 → 督办事项: whoever manages the meeting, one decision at a time. */
export const POST = endpoint({ input: z.object({ decisionId: z.uuid() }) }, async ({ actor, input, context }) => createItemFromMeetingDecision(db(), actor, input.decisionId, context))
