import { db } from '@/server/core/db/index.ts'
import { makeFeedToken, revokeFeedToken } from '@/server/personal/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Make (or remake) the ICS feed's secret address; the token is shown once. */
export const POST = endpoint({}, ({ actor, context }) => makeFeedToken(db(), actor, context))
export const DELETE = endpoint({}, async ({ actor, context }) => {
  await revokeFeedToken(db(), actor, context)
  return { ok: true }
})
