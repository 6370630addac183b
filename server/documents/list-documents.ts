import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { escapeLike } from '../core/strings.ts'
import { searchKey } from './engine.ts'
import { standingOf } from './load-document.ts'
import { documentPolicy, type VisibleScope } from './policy.ts'
import { listDocumentsInput, type ListDocumentsInput } from './schemas.ts'

const PAGE = 20

/**
 * Whether a search may go through the trigram index rather than read every visible document (a few
 * milliseconds per thousand). The index pays for a wide scope and a query of three or more letters
 * or digits: its trigrams lie inside words, and are as selective as PostgreSQL estimates. Punctuation
 * makes word-boundary trigrams ("  请"), which nearly every document has, and PostgreSQL misjudges
 * them: 妥否，请批示 took 0.7 s through the index for a clerk who sees 600 documents. So those, and
 * one- or two-character queries (no trigram at all), read the visible documents unless there are
 * very many.
 */
const INDEX_FROM = { wordQuery: 3_000, otherQuery: 20_000 }
const isWordQuery = (key: string) => /^[\p{L}\p{N}]{3,}$/u.test(key)

/** The search test on `"Document" d`: LIKE, which the trigram index serves, or strpos, which it does not (same result). */
export const searchCondition = (key: string, mayUseIndex: boolean): Prisma.Sql => mayUseIndex
  ? Prisma.sql`d."searchText" LIKE ${`%${escapeLike(key)}%`}`
  : Prisma.sql`strpos(d."searchText", ${key}) > 0`

/** How many documents the scope covers, counted only up to `limit` (its organisations' by index). */
async function visibleCount(db: Db, scope: VisibleScope, limit: number): Promise<number> {
  if (scope.organIds.length === 0) return scope.documentIds.length
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Document" WHERE "organId" = ANY(${scope.organIds}::uuid[]) LIMIT ${limit + 1}) AS organ`
  return row!.n + scope.documentIds.length
}

/**
 * Documents the actor may see, by box: drafts (mine, not yet submitted), todo (waiting for me or for
 * someone I stand in for), done (I acted), all. Search matches title, number, body and opinions.
 *
 * One statement finds the page's ids and the total (a window count, so the matches are read once);
 * the rows are then loaded by id. Every condition is on the document row or an indexed lookup, so
 * PostgreSQL starts from the visible set (or, for very wide scopes, the trigram index) instead of
 * reading everything.
 */
export async function listDocuments(db: Db, actor: Actor, input: ListDocumentsInput = {}) {
  const f = listDocumentsInput.parse(input)
  const standing = await standingOf(db, actor.personId)
  const scope = await documentPolicy.visibleScope(db, actor, standing)
  const me = actor.personId
  const conditions: Prisma.Sql[] = [documentPolicy.visibleSql(scope)]
  if (f.box === 'drafts') conditions.push(Prisma.sql`d.status = 'DRAFT' AND (d."createdById" = ${me}::uuid OR d."collaboratorIds" @> ARRAY[${me}::uuid])`)
  if (f.box === 'todo') {
    conditions.push(Prisma.sql`d.status = 'IN_PROGRESS' AND EXISTS (SELECT 1 FROM "DocumentTask" t WHERE t."documentId" = d.id AND t.status = 'PENDING' AND t."assigneeId" = ANY(${[me, ...standing.delegators]}::uuid[]))`)
  }
  if (f.box === 'done') conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "DocumentTask" t WHERE t."documentId" = d.id AND t."actedById" = ${me}::uuid)`)
  if (f.q) {
    const key = searchKey(f.q)
    const indexFrom = isWordQuery(key) ? INDEX_FROM.wordQuery : INDEX_FROM.otherQuery
    conditions.push(searchCondition(key, (await visibleCount(db, scope, indexFrom)) > indexFrom))
  }
  if (f.kind) conditions.push(Prisma.sql`d.kind = ${f.kind}::"DocumentKind"`)
  if (f.direction) conditions.push(Prisma.sql`d.direction = ${f.direction}::"DocumentDirection"`)
  if (f.status) conditions.push(Prisma.sql`d.status = ${f.status}::"DocumentStatus"`)
  if (f.unitId) conditions.push(Prisma.sql`(d."unitId" = ${f.unitId}::uuid OR d."organId" = ${f.unitId}::uuid)`)
  if (f.year) conditions.push(Prisma.sql`d."createdAt" >= ${new Date(Date.UTC(f.year, 0, 1, -8))} AND d."createdAt" < ${new Date(Date.UTC(f.year + 1, 0, 1, -8))}`)
  const where = Prisma.join(conditions, ' AND ')

  const found = await db.$queryRaw<{ id: string; total: number }[]>`
    SELECT d.id, (count(*) OVER ())::int AS total FROM "Document" d WHERE ${where}
     ORDER BY d."updatedAt" DESC, d.id DESC LIMIT ${PAGE} OFFSET ${(f.page - 1) * PAGE}`
  const total = found[0]?.total ?? (f.page > 1 ? (await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Document" d WHERE ${where}`)[0]!.total : 0)
  const rows = await db.document.findMany({
    where: { id: { in: found.map((r) => r.id) } },
    select: { id: true, direction: true, kind: true, title: true, number: true, senderOrgan: true, senderNumber: true, registrationNumber: true, status: true, urgency: true, stepIndex: true, workflow: true, updatedAt: true, createdAt: true, unit: { select: { name: true } }, createdBy: { select: { name: true } } },
  })
  const byId = new Map(rows.map((r) => [r.id, r]))
  return {
    total, page: f.page, pages: Math.max(1, Math.ceil(total / PAGE)),
    rows: found.flatMap(({ id }) => {
      const row = byId.get(id)
      if (!row) return []
      const { workflow, ...r } = row
      return [{ ...r, stepName: r.stepIndex === null ? null : ((workflow as { name: string }[] | null)?.[r.stepIndex]?.name ?? null) }]
    }),
  }
}
