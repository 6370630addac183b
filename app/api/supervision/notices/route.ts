import { db } from '@/server/core/db/index.ts'
import { draftNoticeInput, draftSupervisionNotice } from '@/server/supervision/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** 督办通知: the office drafts a formal notice (an outgoing document) for one or several of its items. */
export const POST = endpoint({ input: draftNoticeInput }, async ({ actor, input, context }) => draftSupervisionNotice(db(), actor, input, context))
