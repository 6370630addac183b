import { z } from 'zod'
import { isDateKey } from '../core/clock.ts'
import { plainText } from '../core/text.ts'

export const submitItemInput = z.object({
  unitId: z.uuid(),
  officeUnitId: z.uuid(),
  title: plainText(120).pipe(z.string().min(1)),
  body: plainText(5000).pipe(z.string().min(1)),
})
export const reviewItemInput = z.object({
  revision: z.number().int().min(0),
  adopt: z.boolean(),
  /** The office's edit (编辑) of the title and text before adoption. */
  title: plainText(120).pipe(z.string().min(1)).optional(),
  body: plainText(5000).pipe(z.string().min(1)).optional(),
  /** Points for the adoption (采用计分): 1 ordinary, more for an item worth a 专报. */
  score: z.number().int().min(0).max(10).default(2),
})
export const compileIssueInput = z.object({
  officeUnitId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1).max(50),
  /** 政务信息 or 信息专报. */
  name: z.enum(['政务信息', '信息专报']).default('政务信息'),
})
const dateKey = z.string().refine(isDateKey, 'invalid')
export const rankingInput = z.object({ from: dateKey, to: dateKey }).refine((x) => x.from <= x.to, { path: ['to'], message: 'invalid' })

export type SubmitItemInput = z.input<typeof submitItemInput>
export type CompileIssueInput = z.input<typeof compileIssueInput>
