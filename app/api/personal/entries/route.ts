import { db } from '@/server/core/db/index.ts'
import { calendarEntryInput, createEntry } from '@/server/personal/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: calendarEntryInput }, ({ actor, input, context }) => createEntry(db(), actor, input, context))
