import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { searchText } from '@/server/core/text.ts'
import { searchPeople } from '@/server/directory/index.ts'
import { endpoint } from '../../../lib/api.ts'

const input = z.object({
  q: searchText(50).optional(),
  unit: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
})

/** Directory search: every signed-in person may read the directory. */
export const GET = endpoint({ input }, async ({ input }) => ({
  people: await searchPeople(db(), { query: input.q, unitId: input.unit, limit: input.limit }),
}))
