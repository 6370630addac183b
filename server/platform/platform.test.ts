import { describe, expect, it } from 'vitest'
import { generate } from 'otplib'
import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { completeSecondFactor, resolveSession, sessionIdOf, signIn } from '../auth/index.ts'
import { verifyAuditChain } from '../core/audit/index.ts'
import { dutiesOf } from '../core/authz/index.ts'
import { buildContext } from '../test/factories.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, isSetupNeeded, seedDemo, setupFirstAdmin } from './index.ts'

// One file, one database: the setup test runs on the empty database before the seed test fills it.
describe('first start', () => {
  it('without demo data: the first administrator is set up exactly once', async () => {
    expect(await isSetupNeeded(db())).toBe(true)
    const input = { organisationName: '测试市人民政府', organisationShortName: '测试市', organCode: '测政', adminName: '管理员', adminAccount: 'firstadmin', password: 'Taihe-Start-2026' }
    const [a, b] = await Promise.allSettled([setupFirstAdmin(db(), input, buildContext()), setupFirstAdmin(db(), { ...input, adminAccount: 'second' }, buildContext())])
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected'])
    expect(await isSetupNeeded(db())).toBe(false)
    const grants = await db().roleGrant.findMany({ include: { role: true } })
    // 三员分立: the first administrator is the system administrator; the operator appoints the other two.
    expect(grants.map((g) => g.role.key).sort()).toEqual(['calendar-keeper', 'directory-clerk', 'duty-manager', 'duty-office', 'leave-office', 'meeting-clerk', 'metrics-viewer', 'notice-sender', 'registry-clerk', 'report-collector', 'report-filler', 'report-reviewer', 'supervision-office', 'system-admin'])
    expect(dutiesOf(grants.flatMap((g) => g.role.permissions))).toEqual(['system'])
    // The administrator roles require a second factor: the first administrator enrols one first.
    expect(grants.filter((g) => g.role.requiresTotp).map((g) => g.role.key)).toEqual(['system-admin'])
    // Either of the two may have won the race: sign in as the one that did.
    const winner = a.status === 'fulfilled' ? input.adminAccount : 'second'
    const first = await signIn(db(), { login: winner, password: input.password }, buildContext())
    expect(first.next).toBe('enrol_second_factor')
    expect((await resolveSession(db(), first.session.token))?.isSecondFactorPending).toBe(true)
  })

  it('with demo data: seeds the demo city once, and its accounts sign in', async () => {
    expect(await seedDemo(db())).toBe('not_empty')
    await db().$executeRawUnsafe('TRUNCATE "RoleGrant", "Post", "PasswordHistory", "Session", "LeaderCharge", "Person", "Unit" CASCADE')
    const [first, second] = await Promise.all([seedDemo(db()), seedDemo(db())])
    expect([first, second].sort()).toEqual(['already_seeded', 'seeded'])
    expect(await db().unit.count()).toBeGreaterThanOrEqual(12)
    // Each demo organ heads and signs its documents with the name on its seal.
    const seals = await db().seal.findMany({ select: { name: true, unitId: true } })
    expect(seals.length).toBeGreaterThanOrEqual(2)
    for (const seal of seals) expect((await db().unit.findUniqueOrThrow({ where: { id: seal.unitId } })).fullName).toBe(seal.name)
    const people = await db().person.count()
    expect(people).toBeGreaterThanOrEqual(70)
    expect(people).toBeLessThanOrEqual(120) // a city, a district and its departments: small enough to walk
    for (const login of ['clerk', 'leader']) {
      expect((await signIn(db(), { login, password: DEMO_PASSWORD }, buildContext())).next).toBe('done')
    }
    // The demo administrators are enrolled with the documented secret: password, then its code.
    for (const login of ['admin', 'secadmin', 'auditor']) {
      const pending = await signIn(db(), { login, password: DEMO_PASSWORD }, buildContext())
      expect(pending.next).toBe('second_factor')
      const code = await generate({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(clock.now().getTime() / 1000) })
      const full = await completeSecondFactor(db(), sessionIdOf(pending.session.token), code, buildContext())
      expect((await resolveSession(db(), full.token))?.isSecondFactorPending).toBe(false)
    }
    expect(await seedDemo(db())).toBe('already_seeded')
    // The demo's administrators hold one duty each (三员分立).
    const holders = await db().person.findMany({ select: { account: true, roleGrants: { select: { role: { select: { permissions: true } } } } } })
    const duties = Object.fromEntries(holders.map((p) => [p.account, dutiesOf(p.roleGrants.flatMap((g) => g.role.permissions))]).filter(([, d]) => d!.length))
    expect(duties).toEqual({ admin: ['system'], secadmin: ['security'], auditor: ['audit'] })
    expect((await verifyAuditChain(db())).isIntact).toBe(true)
  }, 120_000) // seeds every module's demo data (the city, rosters, items, apps), twice at once
})
