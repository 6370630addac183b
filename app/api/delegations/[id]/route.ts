import { db } from '@/server/core/db/index.ts'
import { revokeDelegation } from '@/server/documents/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const DELETE = endpoint({}, ({ actor, context, params }) => revokeDelegation(db(), actor, params.id!, context))
