import { seedMessagingDemo } from '../messaging/index.ts'
import type { Db, LeaderRank } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import { systemContext } from '../core/request-context.ts'
import { hashPassword } from '../auth/index.ts'
import { nameKeys, uuidv7 } from '../directory/index.ts'
import { ensureSystemRoles } from './ensure-system-roles.ts'
import { unsafeRegisterSeal } from '../seals/index.ts'
import { seedSupervisionDemo } from '../supervision/index.ts'
import { seedDutyDemo } from '../duty/index.ts'
import { seedMicroappsDemo } from '../microapps/index.ts'
import { seedMeetingsDemo } from '../meetings/index.ts'
import { seedMetricsDemo } from '../metrics/index.ts'
import { seedPersonalDemo } from '../personal/index.ts'
import { seedReportingDemo } from '../reporting/index.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoFullNames, demoPeople, demoSeals, demoUnits, randomChineseName, seededRandom, type DemoUnit } from './demo-data.ts'

const SEEDED_KEY = 'demoSeededAt'
const SEED_LOCK = 0x58_54_53_44 // "XTSD"

type PlannedPerson = {
  account: string; name: string; phone: string; hasDemoSecondFactor?: boolean
  posts: { unitId: string; title: string; leaderRank: LeaderRank }[]
  charges: string[]; roles: { role: string; unitId: string }[]
}

/**
 * Seed the demo city government once. Safe to call on every start: a marker row records that it ran,
 * and an advisory lock keeps two starting processes from seeding twice.
 */
export async function seedDemo(db: Db): Promise<'seeded' | 'already_seeded' | 'not_empty'> {
  // argon2 is slow on purpose: hash before the transaction. One hash per person, each with its own salt.
  const plan = planPeople()
  const hashes = await Promise.all(plan.people.map(() => hashPassword(DEMO_PASSWORD)))
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`
    if (await tx.systemSetting.findUnique({ where: { key: SEEDED_KEY } })) return 'already_seeded'
    if ((await tx.person.count()) > 0) return 'not_empty'
    const roleIds = await ensureSystemRoles(tx)
    for (const unit of plan.units) await tx.unit.create({ data: unit })
    const now = clock.now()
    const personIds = new Map<string, string>()
    for (const [i, p] of plan.people.entries()) {
      const person = await tx.person.create({
        data: {
          account: p.account, name: p.name, ...nameKeys(p.name), phone: p.phone, email: `${p.account}@taihe.gov.cn`, passwordHash: hashes[i]!, passwordChangedAt: now, sortOrder: i,
          ...(p.hasDemoSecondFactor ? { totpSecret: DEMO_TOTP_SECRET, totpEnabledAt: now } : {}),
        },
      })
      personIds.set(p.account, person.id)
      await tx.post.createMany({ data: p.posts.map((post, j) => ({ personId: person.id, ...post, isPrimary: j === 0, sortOrder: j })) })
      await tx.leaderCharge.createMany({ data: p.charges.map((unitId) => ({ personId: person.id, unitId })) })
      for (const grant of p.roles) {
        await tx.roleGrant.create({ data: { personId: person.id, roleId: roleIds.get(grant.role)!, unitId: grant.unitId } })
      }
    }
    for (const seal of demoSeals) {
      await unsafeRegisterSeal(tx, { unitId: plan.unitIds.get(seal.unit)!, name: seal.name, holderIds: seal.holders.map((a) => personIds.get(a)!), createdById: personIds.get('admin')! })
    }
    await seedSupervisionDemo(tx, { personIds, unitIds: plan.unitIds, roleIds, password: DEMO_PASSWORD })
    await seedDutyDemo(tx, { unitIds: plan.unitIds, personIds, roleIds, now })
    await seedMessagingDemo(tx, personIds)
    await seedMicroappsDemo(tx, { rootUnitId: plan.rootId, adminId: personIds.get('admin')!, personIds })
    await seedMeetingsDemo(tx, { unitIds: plan.unitIds, personIds, roleIds })
    await seedPersonalDemo(tx, { unitIds: plan.unitIds, personIds, roleIds, now })
    await seedReportingDemo(tx, { unitIds: plan.unitIds, personIds, roleIds, password: DEMO_PASSWORD })
    await seedMetricsDemo(tx, { personIds, namedAccounts: demoPeople.map((p) => p.account), now })
    await tx.systemSetting.create({ data: { key: SEEDED_KEY, value: now.toISOString() } })
    await recordAudit(tx, { actor: null, action: 'platform.seed_demo', details: { units: plan.units.length, people: plan.people.length }, context: systemContext })
    return 'seeded'
  }, { timeout: 60_000 })
}


function planPeople() {
  const units: { id: string; parentId: string | null; name: string; shortName: string; fullName: string | null; organCode: string | null; kind: DemoUnit['kind']; path: string; depth: number; sortOrder: number }[] = []
  const ids = new Map<string, string>()
  const walk = (u: DemoUnit, parent: { id: string; path: string; depth: number } | null, sortOrder: number) => {
    const id = uuidv7()
    const path = `${parent?.path ?? '/'}${id}/`
    ids.set(u.key, id)
    units.push({ id, parentId: parent?.id ?? null, name: u.name, shortName: u.shortName, fullName: demoFullNames[u.key] ?? null, organCode: u.organCode ?? null, kind: u.kind, path, depth: parent ? parent.depth + 1 : 0, sortOrder })
    u.children?.forEach((c, i) => walk(c, { id, path, depth: parent ? parent.depth + 1 : 0 }, i))
  }
  walk(demoUnits, null, 0)

  const random = seededRandom(20261123)
  const accounts = new Set<string>()
  const phones = new Set<string>()
  const newPhone = () => {
    for (;;) {
      const phone = `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
      if (!phones.has(phone)) { phones.add(phone); return phone }
    }
  }
  const accountFor = (name: string) => {
    const base = nameKeys(name).namePinyin
    let account = base
    for (let n = 2; accounts.has(account); n++) account = `${base}${n}`
    accounts.add(account)
    return account
  }
  const people: PlannedPerson[] = demoPeople.map((p) => {
    accounts.add(p.account)
    return {
      account: p.account, name: p.name, phone: newPhone(), hasDemoSecondFactor: p.hasDemoSecondFactor,
      posts: p.posts.map((post) => ({ unitId: ids.get(post.unit)!, title: post.title, leaderRank: post.leaderRank ?? 'NONE' })),
      charges: (p.charges ?? []).map((k) => ids.get(k)!),
      roles: (p.roles ?? []).map((r) => (typeof r === 'string' ? { role: r, unitId: ids.get('city')! } : { role: r.role, unitId: ids.get(r.unit)! })),
    }
  })
  const staffed = new Set(demoPeople.flatMap((p) => p.posts.filter((x) => x.leaderRank === 'PRINCIPAL').map((x) => x.unit)))
  const add = (unitKey: string, title: string, leaderRank: LeaderRank = 'NONE') => {
    const name = randomChineseName(random)
    people.push({ account: accountFor(name), name, phone: newPhone(), posts: [{ unitId: ids.get(unitKey)!, title, leaderRank }], charges: [], roles: [] })
  }
  for (const dept of demoUnits.children ?? []) {
    const isCounty = dept.kind === 'COUNTY'
    if (!staffed.has(dept.key)) add(dept.key, isCounty ? '区长' : dept.key === 'ndrc' || dept.key === 'health' ? '主任' : '局长', 'PRINCIPAL')
    if (dept.key !== 'office' && dept.key !== 'supervision') add(dept.key, isCounty ? '副区长' : '副局长', 'DEPUTY')
    if (dept.children?.length) {
      for (const div of dept.children) {
        if (!staffed.has(div.key)) add(div.key, div.kind === 'DIVISION' ? '科长' : div.name.endsWith('局') ? '局长' : '主任', 'PRINCIPAL')
        const clerks = 2 + Math.floor(random() * 2)
        for (let i = 0; i < clerks; i++) add(div.key, i === 0 ? '副科长' : '科员')
      }
    } else {
      const clerks = 3 + Math.floor(random() * 2)
      for (let i = 0; i < clerks; i++) add(dept.key, i === 0 ? '综合科科长' : '科员')
    }
  }
  return { units, people, rootId: ids.get('city')!, unitIds: ids }
}
