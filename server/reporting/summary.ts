import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { officeCollection } from './board.ts'
import { fieldsOf, type Definition } from './definition.ts'

export type NumberSummary = { key: string; sum: number; avg: number | null; count: number }
export type ChoiceSummary = { key: string; counts: Record<string, number> }
export type ColumnSummary = { key: string; column: string; sum: number; rows: number }
export type UnitRow = { unitId: string; unit: string; values: Record<string, number | null>; tableSums: Record<string, number | null> }

/**
 * The summary across units (汇总表) of a collection's submitted reports, computed in PostgreSQL over the
 * jsonb values: per number field the sum, average and count; per choice field the count of each
 * option; per number column of a table field the sum over every row of every unit; and one row per
 * unit with its numbers (and its table columns' sums). Four statements however many units.
 */
export async function computeSummary(db: Db, collectionId: string, definition: Definition) {
  const fields = fieldsOf(definition)
  const numberKeys = fields.filter((f) => f.type === 'number').map((f) => f.key)
  const choiceKeys = fields.filter((f) => f.type === 'choice' || f.type === 'multiChoice').map((f) => f.key)
  const columns = fields.flatMap((f) => (f.type === 'table' ? f.columns!.filter((c) => c.type === 'number').map((c) => ({ key: f.key, column: c.key })) : []))
  const submitted = Prisma.sql`"ReportSubmission" s WHERE s."collectionId" = ${collectionId}::uuid AND s.status = 'SUBMITTED'`
  const [numbers, choices, tableSums, units] = await Promise.all([
    numberKeys.length ? db.$queryRaw<{ key: string; sum: number | null; avg: number | null; count: number }[]>(Prisma.sql`
      SELECT k AS key, sum((s.values->>k)::numeric)::float8 AS sum, avg((s.values->>k)::numeric)::float8 AS avg, count(s.values->>k)::int AS count
        FROM unnest(${numberKeys}::text[]) k, ${submitted}
       GROUP BY k`) : [],
    choiceKeys.length ? db.$queryRaw<{ key: string; option: string; n: number }[]>(Prisma.sql`
      SELECT k AS key, o AS option, count(*)::int AS n
        FROM unnest(${choiceKeys}::text[]) k, "ReportSubmission" s,
             LATERAL jsonb_array_elements_text(CASE jsonb_typeof(s.values->k) WHEN 'array' THEN s.values->k ELSE jsonb_build_array(s.values->k) END) o
       WHERE s."collectionId" = ${collectionId}::uuid AND s.status = 'SUBMITTED' AND s.values ? k
       GROUP BY k, o`) : [],
    columns.length ? db.$queryRaw<{ key: string; column: string; sum: number | null; rows: number }[]>(Prisma.sql`
      SELECT t.k AS key, t.c AS column, sum((r->>t.c)::numeric)::float8 AS sum, count(r->>t.c)::int AS rows
        FROM unnest(${columns.map((c) => c.key)}::text[], ${columns.map((c) => c.column)}::text[]) t(k, c), "ReportSubmission" s,
             LATERAL jsonb_array_elements(CASE jsonb_typeof(s.values->t.k) WHEN 'array' THEN s.values->t.k ELSE '[]'::jsonb END) r
       WHERE s."collectionId" = ${collectionId}::uuid AND s.status = 'SUBMITTED'
       GROUP BY t.k, t.c`) : [],
    // Per unit, arrays aligned with the keys (cheaper to build and read than a jsonb object per unit).
    db.$queryRaw<{ unitId: string; unit: string; numbers: (number | null)[]; sums: (number | null)[] }[]>(Prisma.sql`
      SELECT u.id AS "unitId", u.name AS unit,
             ARRAY(SELECT (s.values->>k)::float8 FROM unnest(${numberKeys}::text[]) WITH ORDINALITY AS x(k, i) ORDER BY i) AS numbers,
             ARRAY(SELECT (SELECT sum((r->>t.c)::numeric)::float8 FROM jsonb_array_elements(CASE jsonb_typeof(s.values->t.k) WHEN 'array' THEN s.values->t.k ELSE '[]'::jsonb END) r)
                     FROM unnest(${columns.map((c) => c.key)}::text[], ${columns.map((c) => c.column)}::text[]) WITH ORDINALITY AS t(k, c, i) ORDER BY t.i) AS sums
        FROM "ReportSubmission" s JOIN "Unit" u ON u.id = s."unitId"
       WHERE s."collectionId" = ${collectionId}::uuid AND s.status = 'SUBMITTED'
       ORDER BY u.depth, u."sortOrder", u.name`),
  ])
  const choiceCounts = new Map<string, Record<string, number>>()
  for (const c of choices) choiceCounts.set(c.key, { ...choiceCounts.get(c.key), [c.option]: c.n })
  const byKey = new Map(numbers.map((n) => [n.key, n]))
  const colByKey = new Map(tableSums.map((c) => [`${c.key}.${c.column}`, c]))
  return {
    units: units.map((u) => ({
      unitId: u.unitId, unit: u.unit,
      values: Object.fromEntries(numberKeys.map((k, i) => [k, u.numbers[i] ?? null])),
      tableSums: Object.fromEntries(columns.map((c, i) => [`${c.key}.${c.column}`, u.sums[i] ?? null])),
    })) as UnitRow[],
    numbers: numberKeys.map((key) => ({ key, sum: byKey.get(key)?.sum ?? 0, avg: byKey.get(key)?.avg ?? null, count: byKey.get(key)?.count ?? 0 })) as NumberSummary[],
    choices: choiceKeys.map((key) => ({ key, counts: choiceCounts.get(key) ?? {} })) as ChoiceSummary[],
    columns: columns.map((c) => ({ ...c, sum: colByKey.get(`${c.key}.${c.column}`)?.sum ?? 0, rows: colByKey.get(`${c.key}.${c.column}`)?.rows ?? 0 })) as ColumnSummary[],
  }
}

/** The office's summary of one of its collections. */
export async function collectionSummary(db: Db, actor: Actor, collectionId: string) {
  const c = await officeCollection(db, actor, collectionId)
  const definition = c.version.definition as Definition
  return { collection: c, definition, ...(await computeSummary(db, collectionId, definition)) }
}
