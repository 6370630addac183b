import { db } from '@/server/core/db/index.ts'
import { createDocument, createDocumentInput } from '@/server/documents/index.ts'
import { endpoint } from '../../lib/api.ts'

export const POST = endpoint({ input: createDocumentInput }, ({ input, actor, context }) => createDocument(db(), actor, input, context))
