import { db } from '@/server/core/db/index.ts'
import { noticeReceipts } from '@/server/notices/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor, params }) => noticeReceipts(db(), actor, params.id!))
