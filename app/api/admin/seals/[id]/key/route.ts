import { db } from '@/server/core/db/index.ts'
import { generateSealKey } from '@/server/seals/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'seal.manage' }, ({ actor, context, params }) => generateSealKey(db(), actor, params.id!, context))
