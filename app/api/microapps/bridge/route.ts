import { db } from '@/server/core/db/index.ts'
import { bridgeCallInput, callBridge } from '@/server/microapps/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** One bridge call of a micro-app, relayed by the host page (MicroAppHost); the module checks scope, consent, budget and the person's right. */
export const POST = endpoint({ input: bridgeCallInput }, async ({ input, actor, context }) => ({ result: await callBridge(db(), actor, input, context) }))
