import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { listStore, submitApp } from '@/server/microapps/index.ts'
import { searchText } from '@/server/core/text.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({ input: z.object({ q: searchText(50).optional(), category: z.string().max(20).optional() }) }, async ({ input }) => ({ apps: await listStore(db(), input) }))

/** Submit an app or a new version: the body is the manifest (validated by the module, problems localized). */
export const POST = endpoint({ permission: 'app.manage', input: z.record(z.string(), z.unknown()) }, async ({ input, actor, context }) => submitApp(db(), actor, input, context))
