/**
 * Test factories: every call makes fresh rows with unique names, so tests never depend on each other.
 */
import { randomUUID } from 'node:crypto'
import { db, type LeaderRank, type UnitKind } from '../core/db/index.ts'
import type { Actor, Permission } from '../core/authz/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { hashPassword, loadActor } from '../auth/index.ts'
import { nameKeys, uuidv7 } from '../directory/index.ts'
import { clock, hours } from '../core/clock.ts'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`

export const TEST_PASSWORD = 'Correct-Horse-9'
let cachedHash: Promise<string> | undefined
const testPasswordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD))

export function buildContext(overrides: Partial<RequestContext> = {}): RequestContext {
  const n = Math.floor(Math.random() * 250) + 1
  return { requestId: randomUUID(), ip: `10.${n}.${counter % 250}.${(counter++ % 250) + 1}`, userAgent: 'vitest', ...overrides }
}

export async function buildUnit(overrides: { parent?: { id: string; path: string; depth: number }; name?: string; fullName?: string; kind?: UnitKind; organCode?: string } = {}) {
  const id = uuidv7()
  const name = overrides.name ?? `单位${unique()}`
  return db().unit.create({
    data: {
      id, name, shortName: name.slice(0, 10), kind: overrides.kind ?? (overrides.parent ? 'DEPARTMENT' : 'CITY'),
      fullName: overrides.fullName ?? null,
      organCode: overrides.organCode ?? null,
      parentId: overrides.parent?.id ?? null,
      path: `${overrides.parent?.path ?? '/'}${id}/`,
      depth: overrides.parent ? overrides.parent.depth + 1 : 0,
    },
  })
}

export async function buildRole(permissions: Permission[], overrides: { requiresTotp?: boolean; name?: string } = {}) {
  return db().role.create({
    data: { key: `test-${unique()}`, name: overrides.name ?? `角色${unique()}`, nameEn: 'Test role', permissions, requiresTotp: overrides.requiresTotp ?? false },
  })
}

export async function buildPerson(overrides: {
  unit?: { id: string }
  name?: string
  account?: string
  phone?: string | null
  title?: string
  leaderRank?: LeaderRank
  isActive?: boolean
  grants?: { permissions: Permission[]; unit: { id: string }; includesSubunits?: boolean; requiresTotp?: boolean }[]
} = {}) {
  const unit = overrides.unit ?? (await buildUnit())
  const name = overrides.name ?? '测试人员'
  const person = await db().person.create({
    data: {
      account: overrides.account ?? `u${unique()}`.toLowerCase().slice(0, 30),
      name, ...nameKeys(name),
      phone: overrides.phone === undefined ? `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` : overrides.phone,
      passwordHash: await testPasswordHash(),
      passwordChangedAt: new Date(),
      isActive: overrides.isActive ?? true,
      posts: { create: { unitId: unit.id, title: overrides.title ?? '科员', leaderRank: overrides.leaderRank ?? 'NONE', isPrimary: true } },
    },
  })
  for (const g of overrides.grants ?? []) {
    const role = await buildRole(g.permissions, { requiresTotp: g.requiresTotp })
    await db().roleGrant.create({ data: { personId: person.id, roleId: role.id, unitId: g.unit.id, includesSubunits: g.includesSubunits ?? true } })
  }
  return person
}

/** The policy layer's view of a person, as a signed-in request would build it. */
export async function actorFor(person: { id: string; name: string; account: string }): Promise<Actor> {
  return loadActor(db(), {
    id: `test-session-${unique()}`,
    csrfToken: 'x',
    isSecondFactorPending: false,
    person: { id: person.id, name: person.name, account: person.account, mustChangePassword: false, passwordChangedAt: new Date() },
  })
}

/** A signed-in session of the person (what a co-editing ticket is issued in); returns its id. */
export async function buildSession(personId: string, overrides: { expiresAt?: Date } = {}): Promise<string> {
  const id = `test-session-${unique()}`
  const now = clock.now()
  await db().session.create({ data: { id, personId, csrfToken: 'x', lastSeenAt: now, expiresAt: overrides.expiresAt ?? new Date(now.getTime() + hours(8)) } })
  return id
}

/** A small tree: root → dept → division, plus a sibling dept. */
export async function buildTree() {
  const root = await buildUnit({ name: `市政府${unique()}` })
  const dept = await buildUnit({ parent: root, name: `发改委${unique()}` })
  const division = await buildUnit({ parent: dept, name: `综合科${unique()}`, kind: 'DIVISION' })
  const sibling = await buildUnit({ parent: root, name: `财政局${unique()}` })
  return { root, dept, division, sibling }
}
