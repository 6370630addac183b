import type { Db } from '../core/db/index.ts'

/** Claims by scope: `profile` → name, account; `org` → units and posts. Chinese names first in the consent screen. */
export const claimsByScope = {
  openid: ['sub'],
  profile: ['name', 'account'],
  org: ['units', 'posts'],
} as const

export type ClaimScope = 'profile' | 'org'
export const claimScopes: readonly ClaimScope[] = ['profile', 'org']

export type PersonClaims = {
  sub: string
  name: string
  account: string
  units: { id: string; name: string }[]
  posts: { unitId: string; unit: string; title: string; primary: boolean }[]
}

type ClaimsRow = { id: string; name: string; account: string; posts: { unitId: string; unit: string; title: string; primary: boolean }[] }

/**
 * What the platform says about a person to a relying party (active people only). One plain query: it
 * runs on every token exchange, code exchange and getLoginUser, where the ORM's own work per query
 * was a sizeable part of the CPU (bench/microapps.ts).
 */
export async function personClaims(db: Db, personId: string): Promise<PersonClaims | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(personId)) return null
  const [person] = await db.$queryRaw<ClaimsRow[]>`
    SELECT p.id, p.name, p.account,
           coalesce((SELECT json_agg(json_build_object('unitId', u.id, 'unit', u.name, 'title', po.title, 'primary', po."isPrimary")
                                     ORDER BY po."isPrimary" DESC, po."sortOrder")
                       FROM "Post" po JOIN "Unit" u ON u.id = po."unitId" WHERE po."personId" = p.id), '[]'::json) AS posts
      FROM "Person" p
     WHERE p.id = ${personId}::uuid AND p."isActive"`
  if (!person) return null
  return {
    sub: person.id,
    name: person.name,
    account: person.account,
    units: person.posts.map((p) => ({ id: p.unitId, name: p.unit })),
    posts: person.posts,
  }
}
