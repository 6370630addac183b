import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { clock } from '@/server/core/clock.ts'
import { inboxFilter, listInbox } from '@/server/inbox/index.ts'
import { endpoint } from '../../lib/api.ts'

const input = inboxFilter.extend({ overdue: z.stringbool().optional() })

/** The signed-in person's own inbox; nobody can list another's. */
export const GET = endpoint({ input }, async ({ input: { overdue, ...filter }, actor }) =>
  listInbox(db(), actor.personId, { ...filter, ...(overdue ? { dueBefore: clock.now() } : {}) }),
)
