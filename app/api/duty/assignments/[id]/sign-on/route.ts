import { db } from '@/server/core/db/index.ts'
import { signOn } from '@/server/duty/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** 上岗签到. */
export const POST = endpoint({}, async ({ actor, params, context }) => signOn(db(), actor, params.id!, context))
