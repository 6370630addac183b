import { db } from '@/server/core/db/index.ts'
import { meetingRoll } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor, params }) => meetingRoll(db(), actor, params.id!))
