import { z } from 'zod'
import { plainText } from '../core/text.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid')
const uuid = z.uuid()

export const sources = ['ASSIGNED_FROM_ABOVE', 'LEADER_INSTRUCTION', 'MEETING_DECISION', 'KEY_WORK', 'DEPUTY_SUGGESTION', 'COMMITTEE_PROPOSAL', 'MANUAL'] as const
export const cycles = ['WEEKLY', 'MONTHLY', 'DATES', 'FREE'] as const
export const ratings = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const
export type Rating = (typeof ratings)[number]
/** What a rating counts as in the rankings when no score was given. */
export const ratingScore: Record<Rating, number> = { EXCELLENT: 95, GOOD: 85, FAIR: 70, POOR: 50 }

export const indicatorInput = z.object({
  name: plainText(100).min(1),
  measure: plainText(20).default(''),
  baseline: z.coerce.number().default(0),
  target: z.coerce.number(),
  targetDate: date.optional(),
})

/** What the office fills in when it opens (立项) or decomposes (分解) an item. */
export const itemFields = z.object({
  title: plainText(200).min(1),
  requirement: plainText(4000).default(''),
  category: plainText(50).default(''),
  priority: z.enum(['NORMAL', 'URGENT', 'EXTRA_URGENT']).default('NORMAL'),
  deadline: date,
  leadUnitId: uuid,
  coUnitIds: z.array(uuid).max(50).default([]),
  supervisorId: uuid.optional(),
  cycle: z.enum(cycles).default('FREE'),
  cycleDates: z.array(date).max(60).default([]),
  indicators: z.array(indicatorInput).max(20).default([]),
})

export const createItemInput = itemFields.extend({
  source: z.enum(sources).default('MANUAL'),
  sourceNumber: plainText(100).default(''),
})
export type CreateItemInput = z.input<typeof createItemInput>

export const fromInstructionInput = z.object({ documentId: uuid, instruction: plainText(2000).min(1) })
export type FromInstructionInput = z.input<typeof fromInstructionInput>

export const openItemInput = itemFields.extend({ revision: z.number().int() })
export type OpenItemInput = z.input<typeof openItemInput>

export const decomposeInput = itemFields
export type DecomposeInput = z.input<typeof decomposeInput>

export const answerInput = z.discriminatedUnion('accept', [
  z.object({ accept: z.literal(true), ownerId: uuid }),
  z.object({ accept: z.literal(false), reason: plainText(500).min(1) }),
])
export type AnswerInput = z.input<typeof answerInput>

export const reportInput = z.object({
  text: plainText(4000).min(1),
  percent: z.coerce.number().int().min(0).max(100),
  problems: plainText(2000).default(''),
  values: z.record(z.string(), z.coerce.number()).default({}),
  photoIds: z.array(uuid).max(9).default([]),
  videoIds: z.array(uuid).max(3).default([]),
  /** Made on the phone when the report is written: sending it again (after a reconnect) counts once. */
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
})
export type ReportInput = z.input<typeof reportInput>

export const commentInput = z.object({ comment: plainText(1000).min(1), moreRequested: z.boolean().default(false) })
export const urgeInput = z.object({ message: plainText(500).default('') })
export const completionInput = z.object({ summary: plainText(4000).min(1), revision: z.number().int() })
export const reviewInput = z.object({ approve: z.boolean(), reason: plainText(500).default(''), revision: z.number().int() })
export const rateInput = z.object({ rating: z.enum(ratings), score: z.coerce.number().int().min(0).max(100).optional(), comment: plainText(500).default('') })
export const periodInput = z.object({ from: date, to: date })
export type PeriodInput = z.input<typeof periodInput>
export const listItemsInput = z.object({
  view: z.enum(['mine', 'all']).default('mine'),
  light: z.enum(['green', 'yellow', 'red']).optional(),
  q: z.string().max(50).optional(),
})

export const draftNoticeInput = z.object({ itemIds: z.array(uuid).min(1).max(20) })
export type DraftNoticeInput = z.input<typeof draftNoticeInput>

/** 单位评价: a quarter (2026-Q4) or a year (2026). */
export const rateUnitInput = z.object({
  officeUnitId: uuid.optional(),
  unitId: uuid,
  period: z.string().regex(/^\d{4}(-Q[1-4])?$/, 'validation.invalid'),
  score: z.coerce.number().int().min(0).max(100),
  comment: plainText(500).default(''),
})
export type RateUnitInput = z.input<typeof rateUnitInput>
