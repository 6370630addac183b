import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { searchText } from '@/server/core/text.ts'
import { listAuditEvents } from '@/server/core/audit/index.ts'
import { endpoint } from '../../../lib/api.ts'

const input = z.object({
  action: searchText(60).optional(),
  outcome: z.enum(['SUCCESS', 'FAILURE', 'DENIED']).optional(),
  before: z.string().regex(/^\d+$/).transform(BigInt).optional(),
})

export const GET = endpoint({ permission: 'audit.view', input }, async ({ input }) => ({ events: await listAuditEvents(db(), input) }))
