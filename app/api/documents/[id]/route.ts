import { db } from '@/server/core/db/index.ts'
import { updateDocument, updateDocumentInput } from '@/server/documents/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const PATCH = endpoint({ input: updateDocumentInput }, ({ input, actor, context, params }) => updateDocument(db(), actor, params.id!, input, context))
