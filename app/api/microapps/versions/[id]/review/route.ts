import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { plainText } from '@/server/core/text.ts'
import { reviewVersion } from '@/server/microapps/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ permission: 'app.review', input: z.object({ decision: z.enum(['approve', 'reject']), reason: plainText(500).optional() }) }, async ({ input, actor, context, params }) =>
  reviewVersion(db(), actor, params.id!, input, context))
