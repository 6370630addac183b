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

/** What the platform says about a person to a relying party (active people only). */
export async function personClaims(db: Db, personId: string): Promise<PersonClaims | null> {
  const person = await db.person.findFirst({
    where: { id: personId, isActive: true },
    select: { id: true, name: true, account: true, posts: { orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }], select: { title: true, isPrimary: true, unit: { select: { id: true, name: true } } } } },
  })
  if (!person) return null
  return {
    sub: person.id,
    name: person.name,
    account: person.account,
    units: person.posts.map((p) => ({ id: p.unit.id, name: p.unit.name })),
    posts: person.posts.map((p) => ({ unitId: p.unit.id, unit: p.unit.name, title: p.title, primary: p.isPrimary })),
  }
}
