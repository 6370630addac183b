import { db } from '@/server/core/db/index.ts'
import { countOpenInbox } from '@/server/inbox/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor }) => countOpenInbox(db(), actor.personId))
