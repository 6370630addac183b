import { db } from '@/server/core/db/index.ts'
import { documentVersions, saveDocumentVersion, saveVersionInput } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor, params }) => ({ versions: await documentVersions(db(), actor, params.id!) }))
export const POST = endpoint({ input: saveVersionInput }, ({ input, actor, context, params }) => saveDocumentVersion(db(), actor, params.id!, input, context))
