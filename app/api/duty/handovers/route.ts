import { db } from '@/server/core/db/index.ts'
import { handoverInput, writeHandover } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** 交接班: the note to the next shift. */
export const POST = endpoint({ input: handoverInput }, async ({ actor, input, context }) => writeHandover(db(), actor, input, context))
