import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { signIn } from '../auth/index.ts'
import { verifyAuditChain } from '../core/audit/index.ts'
import { buildContext } from '../test/factories.ts'
import { DEMO_PASSWORD, isSetupNeeded, seedDemo, setupFirstAdmin } from './index.ts'

// One file, one database: the setup test runs on the empty database before the seed test fills it.
describe('first start', () => {
  it('without demo data: the first administrator is set up exactly once', async () => {
    expect(await isSetupNeeded(db())).toBe(true)
    const input = { organisationName: '测试市人民政府', organisationShortName: '测试市', organCode: '测政', adminName: '管理员', adminAccount: 'firstadmin', password: 'First-Admin-2026' }
    const [a, b] = await Promise.allSettled([setupFirstAdmin(db(), input, buildContext()), setupFirstAdmin(db(), { ...input, adminAccount: 'second' }, buildContext())])
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected'])
    expect(await isSetupNeeded(db())).toBe(false)
    const grants = await db().roleGrant.findMany({ include: { role: true } })
    expect(grants.map((g) => g.role.key).sort()).toEqual(['auditor', 'directory-clerk', 'notice-sender', 'registry-clerk', 'security-admin', 'system-admin'])
  })

  it('with demo data: seeds the demo city once, and its accounts sign in', async () => {
    expect(await seedDemo(db())).toBe('not_empty')
    await db().$executeRawUnsafe('TRUNCATE "RoleGrant", "Post", "PasswordHistory", "Session", "LeaderCharge", "Person", "Unit" CASCADE')
    const [first, second] = await Promise.all([seedDemo(db()), seedDemo(db())])
    expect([first, second].sort()).toEqual(['already_seeded', 'seeded'])
    expect(await db().unit.count()).toBeGreaterThanOrEqual(12)
    const people = await db().person.count()
    expect(people).toBeGreaterThanOrEqual(70)
    expect(people).toBeLessThanOrEqual(100)
    for (const login of ['admin', 'clerk', 'leader']) {
      expect((await signIn(db(), { login, password: DEMO_PASSWORD }, buildContext())).next).toBe('done')
    }
    expect(await seedDemo(db())).toBe('already_seeded')
    expect((await verifyAuditChain(db())).isIntact).toBe(true)
  })
})
