import { z } from 'zod'

export const inboxViews = ['todo', 'toread', 'done'] as const
export const urgencies = ['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const

export const inboxFilter = z.object({
  view: z.enum(inboxViews).default('todo'),
  module: z.string().max(30).optional(),
  urgency: z.enum(urgencies).optional(),
  /** Only items due before this instant (overdue = before now). */
  dueBefore: z.coerce.date().optional(),
  unitId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  /** Keyset cursor: the last item of the previous page. */
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
})
export type InboxFilter = z.input<typeof inboxFilter>
