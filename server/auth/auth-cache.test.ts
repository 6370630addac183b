import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db, type Db } from '../core/db/index.ts'
import { hasPermission } from '../core/authz/index.ts'
import { buildContext, buildPerson, buildUnit } from '../test/factories.ts'
import { until } from '../test/until.ts'
import { authCache } from './auth-cache.ts'
import { createSession, resolveSession } from './sessions.ts'
import { loadActor } from './load-actor.ts'

// Off by default under vitest (other tests change rows and read them back at once); on here.
beforeAll(() => {
  process.env.AUTH_CACHE = 'true'
})
afterAll(() => {
  delete process.env.AUTH_CACHE
})

/** The database client with its raw queries (the session read) and grant reads counted. */
function countingDb(): { client: Db; reads: () => number } {
  let n = 0
  const real = db()
  const roleGrant = new Proxy(real.roleGrant, {
    get: (t, k, r) => (k === 'findMany' ? (...a: Parameters<typeof t.findMany>) => (n++, t.findMany(...a)) : Reflect.get(t, k, r)),
  })
  const client = new Proxy(real, {
    get(t, k, r) {
      if (k === 'roleGrant') return roleGrant
      if (k === '$queryRaw') return (...a: Parameters<typeof t.$queryRaw>) => (n++, t.$queryRaw(...a))
      return Reflect.get(t, k, r)
    },
  })
  return { client, reads: () => n }
}

async function signedIn(options: { permissions?: ('notice.send' | 'person.manage')[] } = {}) {
  const unit = await buildUnit()
  const person = await buildPerson({ unit, grants: options.permissions ? [{ permissions: options.permissions, unit }] : [] })
  const { token } = await db().$transaction((tx) => createSession(tx, person.id, buildContext(), false))
  return { person, unit, token }
}

/** Until the cache listens (the first use starts it). */
async function hearing(client: Db, token: string) {
  await until(async () => {
    await resolveSession(client, token)
    return authCache.stats().isHearing
  })
}

describe('session and grant cache', () => {
  it('serves a session and its grants from memory, without a query, until something about them changes', async () => {
    const { token } = await signedIn({ permissions: ['notice.send'] })
    const { client, reads } = countingDb()
    await hearing(client, token)
    const session = (await resolveSession(client, token))!
    await loadActor(client, session)
    const before = reads()
    for (let i = 0; i < 5; i++) {
      const again = (await resolveSession(client, token))!
      expect(hasPermission(await loadActor(client, again), 'notice.send')).toBe(true)
    }
    expect(reads() - before).toBe(0)
  })

  it('a session deleted (signing out) or its person deactivated ends within two seconds', async () => {
    const a = await signedIn()
    const b = await signedIn()
    const { client } = countingDb()
    await hearing(client, a.token)
    expect(await resolveSession(client, a.token)).not.toBeNull()
    expect(await resolveSession(client, b.token)).not.toBeNull()

    const started = Date.now()
    await db().session.deleteMany({ where: { personId: a.person.id } })
    await until(async () => (await resolveSession(client, a.token)) === null, 2000)
    await db().person.update({ where: { id: b.person.id }, data: { isActive: false } })
    await until(async () => (await resolveSession(client, b.token)) === null, 2000)
    expect(Date.now() - started).toBeLessThan(4000)
  })

  it('a grant removed, or its role losing the permission, takes effect within two seconds', async () => {
    const a = await signedIn({ permissions: ['notice.send'] })
    const b = await signedIn({ permissions: ['person.manage'] })
    const { client } = countingDb()
    await hearing(client, a.token)
    const mayA = async () => hasPermission(await loadActor(client, (await resolveSession(client, a.token))!), 'notice.send')
    const mayB = async () => hasPermission(await loadActor(client, (await resolveSession(client, b.token))!), 'person.manage')
    expect(await mayA()).toBe(true)
    expect(await mayB()).toBe(true)

    await db().roleGrant.deleteMany({ where: { personId: a.person.id } })
    await until(async () => !(await mayA()), 2000)

    const grant = await db().roleGrant.findFirstOrThrow({ where: { personId: b.person.id } })
    await db().role.update({ where: { id: grant.roleId }, data: { permissions: [] } })
    await until(async () => !(await mayB()), 2000)
  })

  it('a unit deactivated drops the grants held in it', async () => {
    const a = await signedIn({ permissions: ['notice.send'] })
    const { client } = countingDb()
    await hearing(client, a.token)
    const may = async () => hasPermission(await loadActor(client, (await resolveSession(client, a.token))!), 'notice.send')
    expect(await may()).toBe(true)
    await db().unit.update({ where: { id: a.unit.id }, data: { isActive: false } })
    await until(async () => !(await may()), 2000)
  })
})
