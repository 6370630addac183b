import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { listOutbox } from '@/server/mail/index.ts'
import { endpoint } from '../../../lib/api.ts'

const input = z.object({ status: z.enum(['PENDING', 'SENT', 'FAILED', 'HELD']).optional(), before: z.uuid().optional() })

export const GET = endpoint({ permission: 'mail.manage', input }, async ({ input, actor }) => listOutbox(db(), actor, input))
