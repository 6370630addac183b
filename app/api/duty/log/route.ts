import { db } from '@/server/core/db/index.ts'
import { addLogEntry, logEntryInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** 值班日志: an entry by the officer on duty. */
export const POST = endpoint({ input: logEntryInput }, async ({ actor, input, context }) => addLogEntry(db(), actor, input, context))
