import { db } from '@/server/core/db/index.ts'
import { listUnitTree } from '@/server/directory/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({}, async () => ({ units: await listUnitTree(db()) }))
