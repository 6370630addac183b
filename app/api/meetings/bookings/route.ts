import { db } from '@/server/core/db/index.ts'
import { bookRoom, bookRoomInput } from '@/server/meetings/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ permission: 'meeting.organise', input: bookRoomInput }, async ({ actor, input, context }) => bookRoom(db(), actor, input, context))
