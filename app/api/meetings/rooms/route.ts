import { db } from '@/server/core/db/index.ts'
import { createRoom, createRoomInput, listRooms } from '@/server/meetings/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor }) => ({ rooms: await listRooms(db(), actor) }))

/** Register a room of a unit the office organises for. */
export const POST = endpoint({ permission: 'meeting.organise', input: createRoomInput }, async ({ actor, input, context }) => createRoom(db(), actor, input, context))
