import { db } from '@/server/core/db/index.ts'
import { sealDocument, sealInput, sealingOptions } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** The seals the person may use on this document, and its sealed renditions. */
export const GET = endpoint({}, ({ actor, params }) => sealingOptions(db(), actor, params.id!))

/** 用印: { revision, sealId }. */
export const POST = endpoint({ input: sealInput }, ({ input, actor, context, params }) => sealDocument(db(), actor, params.id!, input, context))
