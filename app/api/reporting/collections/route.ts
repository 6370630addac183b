import { db } from '@/server/core/db/index.ts'
import { createCollection, createCollectionInput } from '@/server/reporting/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Send a template version to units, once or on a cycle. */
export const POST = endpoint({ permission: 'report.collect', input: createCollectionInput }, async ({ actor, input, context }) => createCollection(db(), actor, input, context))
