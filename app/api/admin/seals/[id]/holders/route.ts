import { db } from '@/server/core/db/index.ts'
import { sealHoldersInput, setSealHolders } from '@/server/seals/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const PUT = endpoint({ permission: 'seal.manage', input: sealHoldersInput }, ({ input, actor, context, params }) => setSealHolders(db(), actor, params.id!, input, context))
