import type { Db, LeaderRank } from '../core/db/index.ts'
import { Prisma } from '../core/db/index.ts'

export type PersonSummary = {
  id: string
  account: string
  name: string
  phone: string | null
  email: string | null
  isActive: boolean
  posts: { unitId: string; unitName: string; title: string; leaderRank: LeaderRank; isPrimary: boolean }[]
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export type SearchPeopleInput = {
  query?: string
  /** Only people with a post in this unit or below it. */
  unitId?: string
  includeInactive?: boolean
  limit?: number
}

/**
 * Find people by name (prefix), full pinyin ("zhangsan") or initials ("zs") prefix, or phone
 * (prefix, or any part once three digits are typed: people look numbers up by their last digits).
 * Every column has a trigram index, which serves these LIKE patterns under any collation.
 */
export async function searchPeople(db: Db, input: SearchPeopleInput): Promise<PersonSummary[]> {
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100)
  const raw = (input.query ?? '').trim().toLowerCase()
  const conditions: Prisma.Sql[] = []
  if (!input.includeInactive) conditions.push(Prisma.sql`p."isActive"`)
  if (raw) {
    const q = escapeLike(raw)
    const latin = escapeLike(raw.replace(/[\s'’]/g, ''))
    const matches: Prisma.Sql[] = [Prisma.sql`p.name LIKE ${q + '%'}`]
    if (/^[a-z]+$/.test(latin)) {
      matches.push(Prisma.sql`p."namePinyin" LIKE ${latin + '%'}`, Prisma.sql`p."nameInitials" LIKE ${latin + '%'}`)
    }
    if (/^\d+$/.test(raw)) {
      matches.push(Prisma.sql`p.phone LIKE ${(raw.length >= 3 ? '%' : '') + q + '%'}`)
    }
    if (/^[a-z][a-z0-9._-]*$/.test(raw)) matches.push(Prisma.sql`p.account = ${raw}`)
    conditions.push(Prisma.sql`(${Prisma.join(matches, ' OR ')})`)
  }
  if (input.unitId) {
    const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { path: true } })
    if (!unit) return []
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "Post" po JOIN "Unit" u ON u.id = po."unitId"
       WHERE po."personId" = p.id AND u.path LIKE ${escapeLike(unit.path) + '%'})`)
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty
  const people = await db.$queryRaw<Omit<PersonSummary, 'posts'>[]>`
    SELECT p.id, p.account, p.name, p.phone, p.email, p."isActive"
      FROM "Person" p ${where}
     ORDER BY p."sortOrder", p."namePinyin", p.id
     LIMIT ${limit}`
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
