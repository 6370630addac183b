import { db } from '@/server/core/db/index.ts'
import { voidInput, voidNumber } from '@/server/documents/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'document.register', input: voidInput }, ({ input, actor, context, params }) => voidNumber(db(), actor, params.id!, input, context))
