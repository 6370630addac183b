import { db } from '@/server/core/db/index.ts'
import { createIncomingDocument, newIncomingInput } from '@/server/documents/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ permission: 'document.register', input: newIncomingInput }, ({ input, actor, context }) => createIncomingDocument(db(), actor, input, context))
