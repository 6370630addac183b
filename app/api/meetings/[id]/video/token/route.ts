import { db } from '@/server/core/db/index.ts'
import { issueVideoToken } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** A short-lived LiveKit token with the role the meeting's video policy gives the person. */
export const POST = endpoint({}, async ({ actor, context, params }) => issueVideoToken(db(), actor, params.id!, context))
