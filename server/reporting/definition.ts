import { z } from 'zod'
import { plainText } from '../core/text.ts'

/**
 * A report template's definition (填报模板): sections of fields, stored as JSON in a version and
 * checked here before it is stored. Field keys name the values in a submission (and the jsonb keys the
 * summary reads), so they are short ASCII identifiers, unique across the whole template.
 */
export const fieldTypes = ['text', 'longText', 'number', 'date', 'choice', 'multiChoice', 'table', 'attachment'] as const
export const columnTypes = ['text', 'number', 'date', 'choice'] as const

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'reporting_key')
const label = plainText(100).pipe(z.string().min(1))
const help = plainText(300).default('')
const options = z.array(plainText(60).pipe(z.string().min(1))).min(2).max(30)
  .refine((o) => new Set(o).size === o.length, 'reporting_options_unique')

const bounds = { min: z.number().finite().optional(), max: z.number().finite().optional(), measure: plainText(20).default(''), integer: z.boolean().default(false) }

export const columnSchema = z.object({
  key, label, type: z.enum(columnTypes), required: z.boolean().default(false), help,
  ...bounds, options: options.optional(),
}).superRefine(checkField)

export const fieldSchema = z.object({
  key, label, type: z.enum(fieldTypes), required: z.boolean().default(false), help,
  ...bounds,
  maxLength: z.number().int().min(1).max(20_000).optional(),
  options: options.optional(),
  columns: z.array(columnSchema).min(1).max(20).optional(),
  minRows: z.number().int().min(0).max(500).optional(),
  maxRows: z.number().int().min(1).max(500).optional(),
}).superRefine(checkField)

function checkField(f: { type: string; min?: number; max?: number; options?: string[]; columns?: { key: string }[]; minRows?: number; maxRows?: number }, ctx: z.RefinementCtx) {
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'reporting_bounds' })
  if ((f.type === 'choice' || f.type === 'multiChoice') && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'reporting_options_required' })
  if (f.type === 'table') {
    if (!f.columns) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'reporting_columns_required' })
    else if (new Set(f.columns.map((c) => c.key)).size !== f.columns.length) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'reporting_key_unique' })
    if (f.minRows !== undefined && f.maxRows !== undefined && f.minRows > f.maxRows) ctx.addIssue({ code: 'custom', path: ['maxRows'], message: 'reporting_bounds' })
  }
}

export const definitionSchema = z.object({
  sections: z.array(z.object({ title: label, fields: z.array(fieldSchema).min(1).max(100) })).min(1).max(20),
}).superRefine((d, ctx) => {
  const seen = new Set<string>()
  d.sections.forEach((s, i) => s.fields.forEach((f, j) => {
    if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'fields', j, 'key'], message: 'reporting_key_unique' })
    seen.add(f.key)
  }))
  if (seen.size > 200) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'too_big' })
})

export type Definition = z.output<typeof definitionSchema>
export type Field = z.output<typeof fieldSchema>
export type Column = z.output<typeof columnSchema>
export type FieldType = (typeof fieldTypes)[number]

export const fieldsOf = (d: Definition): Field[] => d.sections.flatMap((s) => s.fields)
