import { isDateKey } from '../core/clock.ts'
import { fieldsOf, type Column, type Definition, type Field } from './definition.ts'

/**
 * A value problem, in the shape the API localises (`validation.<message>` with its parameters):
 * `path` is the field key, then for a table the row (0-based) and the column key.
 */
export type ValueIssue = { path: (string | number)[]; code: string; message: string; minimum?: number; maximum?: number; origin?: string }

export type Values = Record<string, unknown>
export type FileRef = { fileId: string; name: string }

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

/** Check one scalar against a field or column; returns the cleaned value or pushes issues. */
function checkScalar(f: Field | Column, v: unknown, path: (string | number)[], issues: ValueIssue[], draft: boolean): unknown {
  if (isEmpty(v)) {
    if (f.required && !draft) issues.push({ path, code: 'custom', message: 'required' })
    return undefined
  }
  switch (f.type) {
    case 'text': case 'longText': {
      if (typeof v !== 'string') return bad()
      const max = 'maxLength' in f && f.maxLength ? f.maxLength : f.type === 'text' ? 200 : 5000
      if (v.length > max) issues.push({ path, code: 'too_big', message: '', maximum: max, origin: 'string' })
      return v
    }
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN
      if (!Number.isFinite(n)) return bad('reporting_number')
      if (f.integer && !Number.isInteger(n)) return bad('reporting_integer')
      if (f.min !== undefined && n < f.min) issues.push({ path, code: 'too_small', message: '', minimum: f.min, origin: 'number' })
      if (f.max !== undefined && n > f.max) issues.push({ path, code: 'too_big', message: '', maximum: f.max, origin: 'number' })
      return n
    }
    case 'date':
      return typeof v === 'string' && isDateKey(v) ? v : bad('reporting_date')
    case 'choice':
      return typeof v === 'string' && f.options?.includes(v) ? v : bad('reporting_choice')
  }
  return bad()
  function bad(message = 'invalid') {
    issues.push({ path, code: 'custom', message })
    return undefined
  }
}

/**
 * Check a submission's values against its template version: unknown keys are dropped, numbers
 * coerced, choices must be among the options, bounds and required fields hold (required is not
 * enforced on a draft). Returns the cleaned values and every problem, each with its field's path.
 */
export function checkValues(definition: Definition, raw: Values, { draft }: { draft: boolean }): { values: Values; issues: ValueIssue[] } {
  const issues: ValueIssue[] = []
  const values: Values = {}
  for (const f of fieldsOf(definition)) {
    const v = raw[f.key]
    let out: unknown
    if (f.type === 'multiChoice') {
      if (isEmpty(v)) { if (f.required && !draft) issues.push({ path: [f.key], code: 'custom', message: 'required' }) }
      else if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !f.options?.includes(x))) issues.push({ path: [f.key], code: 'custom', message: 'reporting_choice' })
      else out = [...new Set(v as string[])]
    } else if (f.type === 'table') {
      const rows = isEmpty(v) ? [] : v
      if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) issues.push({ path: [f.key], code: 'custom', message: 'invalid' })
      else {
        const kept = (rows as Values[]).filter((r) => f.columns!.some((c) => !isEmpty(r[c.key])))
        if (!draft && f.required && kept.length === 0) issues.push({ path: [f.key], code: 'custom', message: 'required' })
        if (!draft && f.minRows !== undefined && kept.length < f.minRows) issues.push({ path: [f.key], code: 'custom', message: 'reporting_min_rows', minimum: f.minRows })
        if (f.maxRows !== undefined && kept.length > f.maxRows) issues.push({ path: [f.key], code: 'custom', message: 'reporting_max_rows', maximum: f.maxRows })
        out = kept.map((r, i) => Object.fromEntries(f.columns!.flatMap((c) => {
          const x = checkScalar(c, r[c.key], [f.key, i, c.key], issues, draft)
          return x === undefined ? [] : [[c.key, x]]
        })))
      }
    } else if (f.type === 'attachment') {
      if (isEmpty(v)) { if (f.required && !draft) issues.push({ path: [f.key], code: 'custom', message: 'required' }) }
      else if (typeof v !== 'object' || typeof (v as FileRef).fileId !== 'string' || typeof (v as FileRef).name !== 'string') issues.push({ path: [f.key], code: 'custom', message: 'invalid' })
      else out = { fileId: (v as FileRef).fileId, name: (v as FileRef).name.slice(0, 200) }
    } else {
      out = checkScalar(f, v, [f.key], issues, draft)
    }
    if (out !== undefined) values[f.key] = out
  }
  return { values, issues }
}
