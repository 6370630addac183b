import type { Db, LeaderRank } from '../core/db/index.ts'
import { Prisma } from '../core/db/index.ts'
import { escapeLike } from '../core/strings.ts'
import { cleanSearch } from '../core/text.ts'

export type PersonSummary = {
  id: string
  account: string
  name: string
  phone: string | null
  email: string | null
  isActive: boolean
  posts: { unitId: string; unitName: string; title: string; leaderRank: LeaderRank; isPrimary: boolean }[]
}

export type SearchPeopleInput = {
  query?: string
  /** Only people with a post in this unit or below it. */
  unitId?: string
  includeInactive?: boolean
  limit?: number
}

/**
 * Find people by name (prefix), full pinyin ("zhangsan") or initials ("zs") prefix, phone (prefix, or
 * any part once three digits are typed: people look numbers up by their last digits), or account.
 * Each way of matching is its own index-backed query capped at one page; their union is ordered by
 * pinyin. Pinyin and initials hold only [a-z], so "starts with q" is the btree range
 * q ≤ key ≤ q + "zzz…" (true under any collation that orders plain letters alphabetically); the LIKE
 * beside it keeps the answer exact even where one does not.
 */
export async function searchPeople(db: Db, input: SearchPeopleInput): Promise<PersonSummary[]> {
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100)
  const raw = cleanSearch(input.query).toLowerCase()
  const filters: Prisma.Sql[] = []
  if (!input.includeInactive) filters.push(Prisma.sql`p."isActive"`)
  if (input.unitId) {
    const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { path: true } })
    if (!unit) return []
    filters.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "Post" po JOIN "Unit" u ON u.id = po."unitId"
       WHERE po."personId" = p.id AND u.path LIKE ${escapeLike(unit.path) + '%'})`)
  }
  const and = (match: Prisma.Sql) => Prisma.join([match, ...filters], ' AND ')

  let people: Omit<PersonSummary, 'posts'>[]
  if (!raw) {
    people = await db.$queryRaw`
      SELECT p.id, p.account, p.name, p.phone, p.email, p."isActive" FROM "Person" p
       WHERE ${filters.length ? Prisma.join(filters, ' AND ') : Prisma.sql`TRUE`}
       ORDER BY p."namePinyin", p.id LIMIT ${limit}`
  } else {
    const q = escapeLike(raw)
    const latin = raw.replace(/[\s'’]/g, '')
    const branches: Prisma.Sql[] = [
      Prisma.sql`(SELECT p.id FROM "Person" p WHERE ${and(Prisma.sql`p.name LIKE ${q + '%'}`)} ORDER BY p."namePinyin", p.id LIMIT ${limit})`,
    ]
    if (/^[a-z]+$/.test(latin) && latin.length <= 40) {
      const upper = latin + 'z'.repeat(40)
      branches.push(
        Prisma.sql`(SELECT p.id FROM "Person" p WHERE ${and(Prisma.sql`p."namePinyin" BETWEEN ${latin} AND ${upper} AND p."namePinyin" LIKE ${latin + '%'}`)} ORDER BY p."namePinyin", p.id LIMIT ${limit})`,
        Prisma.sql`(SELECT p.id FROM "Person" p WHERE ${and(Prisma.sql`p."nameInitials" BETWEEN ${latin} AND ${upper} AND p."nameInitials" LIKE ${latin + '%'}`)} ORDER BY p."nameInitials", p."namePinyin" LIMIT ${limit})`,
      )
    }
    if (/^\d+$/.test(raw)) {
      const phone = raw.length >= 3
        ? Prisma.sql`p.phone LIKE ${'%' + raw + '%'}`
        : Prisma.sql`p.phone BETWEEN ${raw} AND ${raw + '9'.repeat(20)} AND p.phone LIKE ${raw + '%'}`
      branches.push(Prisma.sql`(SELECT p.id FROM "Person" p WHERE ${and(phone)} ORDER BY p."namePinyin", p.id LIMIT ${limit})`)
    }
    if (/^[a-z][a-z0-9._-]*$/.test(raw)) {
      branches.push(Prisma.sql`(SELECT p.id FROM "Person" p WHERE ${and(Prisma.sql`p.account = ${raw}`)})`)
    }
    people = await db.$queryRaw`
      SELECT p.id, p.account, p.name, p.phone, p.email, p."isActive" FROM "Person" p
       WHERE p.id IN (${Prisma.join(branches, ' UNION ')})
       ORDER BY p."namePinyin", p.id LIMIT ${limit}`
  }
  return withPosts(db, people)
}

const rankOrder = { PRINCIPAL: 0, DEPUTY: 1, NONE: 2 } as const

/** People who hold a post directly in a unit: principal leaders, then deputies, then the rest. */
export async function listUnitMembers(db: Db, unitId: string, options: { includeInactive?: boolean } = {}): Promise<PersonSummary[]> {
  const posts = await db.post.findMany({
    where: { unitId, ...(options.includeInactive ? {} : { person: { isActive: true } }) },
    select: { leaderRank: true, person: { select: { id: true, account: true, name: true, phone: true, email: true, isActive: true, sortOrder: true, namePinyin: true } } },
    take: 500,
  })
  posts.sort((a, b) =>
    rankOrder[a.leaderRank] - rankOrder[b.leaderRank] || a.person.sortOrder - b.person.sortOrder || a.person.namePinyin.localeCompare(b.person.namePinyin))
  return withPosts(db, posts.map(({ person: { sortOrder: _s, namePinyin: _p, ...person } }) => person))
}

async function withPosts(db: Db, people: Omit<PersonSummary, 'posts'>[]): Promise<PersonSummary[]> {
  if (people.length === 0) return []
  const posts = await db.post.findMany({
    where: { personId: { in: people.map((p) => p.id) } },
    orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }],
    select: { personId: true, unitId: true, title: true, leaderRank: true, isPrimary: true, unit: { select: { name: true } } },
  })
  return people.map((person) => ({
    ...person,
    posts: posts
      .filter((p) => p.personId === person.id)
      .map((p) => ({ unitId: p.unitId, unitName: p.unit.name, title: p.title, leaderRank: p.leaderRank, isPrimary: p.isPrimary })),
  }))
}
