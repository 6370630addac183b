import { db } from '@/server/core/db/index.ts'
import { startRecording } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({}, async ({ actor, context, params }) => startRecording(db(), actor, params.id!, context))
