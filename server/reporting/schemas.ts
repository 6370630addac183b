import { z } from 'zod'
import { isDateKey } from '../core/clock.ts'
import { plainText } from '../core/text.ts'
import { definitionSchema } from './definition.ts'

export const saveTemplateInput = z.object({
  templateId: z.uuid().optional(),
  /** The template's revision the editor started from (a new version over someone else's is refused). */
  revision: z.number().int().min(0).optional(),
  name: plainText(100).pipe(z.string().min(1)),
  definition: definitionSchema,
})

const dateKey = z.string().refine(isDateKey, 'invalid')

export const createCollectionInput = z.object({
  versionId: z.uuid(),
  title: plainText(120).pipe(z.string().min(1)),
  /** Units picked from the tree … */
  unitIds: z.array(z.uuid()).max(2000).default([]),
  /** … or every active unit below this one at this depth below it (1: its children). */
  below: z.object({ unitId: z.uuid(), depth: z.number().int().min(1).max(5) }).optional(),
  cycle: z.enum(['ONCE', 'WEEKLY', 'MONTHLY', 'QUARTERLY']),
  /** ONCE: the deadline's day. */
  deadline: dateKey.optional(),
  /** Cycles: days after each period's end. */
  deadlineDays: z.number().int().min(0).max(60).default(5),
}).refine((x) => x.unitIds.length > 0 || x.below, { path: ['unitIds'], message: 'required' })
  .refine((x) => x.cycle !== 'ONCE' || x.deadline, { path: ['deadline'], message: 'required' })

export const saveSubmissionInput = z.object({ revision: z.number().int().min(0), values: z.record(z.string(), z.unknown()) })
export const submitInput = z.object({ revision: z.number().int().min(0) })
export const reviewInput = z.object({ revision: z.number().int().min(0), approve: z.boolean(), reason: plainText(500).default('') })
export const reopenInput = z.object({ revision: z.number().int().min(0), reason: plainText(500).pipe(z.string().min(1)) })
export const urgeInput = z.object({ message: plainText(200).default('') })

export type SaveTemplateInput = z.input<typeof saveTemplateInput>
export type CreateCollectionInput = z.input<typeof createCollectionInput>
