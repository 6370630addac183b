import { z } from 'zod'

export const sendNoticeInput = z.object({
  title: z.string().trim().max(100),
  body: z.string().trim().max(5000),
  unitIds: z.array(z.uuid()).max(200).default([]),
  personIds: z.array(z.uuid()).max(5000).default([]),
  urgency: z.enum(['NORMAL', 'URGENT', 'EXTRA_URGENT']).default('URGENT'),
  repingMinutes: z.coerce.number().int().min(5).max(24 * 60).default(30),
  repingMax: z.coerce.number().int().min(0).max(10).default(3),
})
export type SendNoticeInput = z.input<typeof sendNoticeInput>
