import type { Db, Tx } from '../core/db/index.ts'
import { assertPermission, type Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { storePassword } from '../auth/index.ts'
import { directoryPolicy } from './policy.ts'
import { createPersonInput, personFields, type CreatePersonInput, type PersonFields } from './schemas.ts'
import { nameKeys } from './pinyin.ts'

async function loadUnits(tx: Tx, ids: string[]) {
  const units = await tx.unit.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true, path: true } })
  if (units.length !== new Set(ids).size) throw notFound()
  return units
}

async function assertUnique(tx: Tx, fields: { account?: string; phone?: string | null }, exceptId?: string) {
  if (fields.account) {
    const taken = await tx.person.findFirst({ where: { account: fields.account, id: { not: exceptId } }, select: { id: true } })
    if (taken) throw new AppError('directory.account_taken', { account: fields.account })
  }
  if (fields.phone) {
    const taken = await tx.person.findFirst({ where: { phone: fields.phone, id: { not: exceptId } }, select: { id: true } })
    if (taken) throw new AppError('directory.phone_taken', { phone: fields.phone })
  }
}

/** Replace a person's posts and leader charges with the given ones. */
async function writePosts(tx: Tx, personId: string, fields: PersonFields) {
  const posts = fields.posts.some((p) => p.isPrimary) ? fields.posts : fields.posts.map((p, i) => ({ ...p, isPrimary: i === 0 }))
  await tx.post.deleteMany({ where: { personId } })
  await tx.post.createMany({ data: posts.map((p, i) => ({ personId, ...p, sortOrder: i })) })
  await tx.leaderCharge.deleteMany({ where: { personId } })
  await tx.leaderCharge.createMany({ data: [...new Set(fields.leaderChargeUnitIds)].map((unitId) => ({ personId, unitId })) })
}

export async function createPerson(db: Db, actor: Actor, input: CreatePersonInput, context: RequestContext) {
  const fields = createPersonInput.parse(input)
  return db.$transaction(async (tx) => {
    const units = await loadUnits(tx, fields.posts.map((p) => p.unitId))
    if (!units.every((u) => directoryPolicy.mayManagePeopleIn(actor, u))) throw new AppError('forbidden')
    await loadUnits(tx, fields.leaderChargeUnitIds)
    await assertUnique(tx, fields)
    const person = await tx.person.create({
      data: { account: fields.account, name: fields.name, ...nameKeys(fields.name), phone: fields.phone ?? null, email: fields.email ?? null },
    })
    await writePosts(tx, person.id, fields)
    await storePassword(tx, { ...person, passwordHash: null }, fields.initialPassword, { mustChange: true })
    await recordAudit(tx, {
      actor, action: 'person.create', objectType: 'Person', objectId: person.id,
      details: { account: fields.account, name: fields.name, units: units.map((u) => u.id) }, context,
    })
    return person
  })
}

/**
 * Edit contact details, posts and leader charges. The actor must manage the person where they are
 * now and every unit they are being given a post in.
 */
export async function updatePerson(db: Db, actor: Actor, personId: string, input: PersonFields, context: RequestContext) {
  const fields = personFields.parse(input)
  return db.$transaction(async (tx) => {
    const before = await tx.person.findUnique({
      where: { id: personId },
      include: { posts: { include: { unit: { select: { path: true } } } } },
    })
    if (!before) throw notFound()
    if (!directoryPolicy.mayManagePerson(actor, before)) throw new AppError('forbidden')
    const units = await loadUnits(tx, fields.posts.map((p) => p.unitId))
    if (!units.every((u) => directoryPolicy.mayManagePeopleIn(actor, u))) throw new AppError('forbidden')
    await loadUnits(tx, fields.leaderChargeUnitIds)
    await assertUnique(tx, fields, personId)
    const person = await tx.person.update({
      where: { id: personId },
      data: { name: fields.name, ...nameKeys(fields.name), phone: fields.phone ?? null, email: fields.email ?? null },
    })
    await writePosts(tx, personId, fields)
    await recordAudit(tx, {
      actor, action: 'person.update', objectType: 'Person', objectId: personId,
      details: {
        name: before.name !== fields.name ? { from: before.name, to: fields.name } : undefined,
        phone: before.phone !== (fields.phone ?? null) ? { from: before.phone, to: fields.phone ?? null } : undefined,
        units: { from: before.posts.map((p) => p.unitId), to: units.map((u) => u.id) },
      },
      context,
    })
    return person
  })
}

async function loadManagedPerson(tx: Tx, actor: Actor, personId: string) {
  const person = await tx.person.findUnique({
    where: { id: personId },
    include: { posts: { include: { unit: { select: { path: true } } } } },
  })
  if (!person) throw notFound()
  if (!directoryPolicy.mayManagePerson(actor, person)) throw new AppError('forbidden')
  return person
}

/** Disabling a person ends all their sessions in the same transaction. */
export async function setPersonActive(db: Db, actor: Actor, personId: string, isActive: boolean, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const person = await loadManagedPerson(tx, actor, personId)
    if (person.id === actor.personId && !isActive) throw new AppError('forbidden')
    if (person.isActive === isActive) return
    await tx.person.update({ where: { id: personId }, data: { isActive } })
    const ended = isActive ? 0 : (await tx.session.deleteMany({ where: { personId } })).count
    await recordAudit(tx, {
      actor, action: isActive ? 'person.reactivate' : 'person.deactivate', objectType: 'Person', objectId: personId,
      details: { sessionsEnded: ended }, context,
    })
  })
}

/** An administrator sets a temporary password; the person must change it at next sign-in. */
export async function resetPersonPassword(db: Db, actor: Actor, personId: string, temporaryPassword: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const person = await loadManagedPerson(tx, actor, personId)
    await storePassword(tx, person, temporaryPassword, { mustChange: true })
    await recordAudit(tx, { actor, action: 'person.password_reset', objectType: 'Person', objectId: personId, context })
  })
}

/** Lift an account lockout (security administrators). */
export async function unlockPerson(db: Db, actor: Actor, personId: string, context: RequestContext) {
  assertPermission(actor, 'security.manage')
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true } })
    if (!person) throw notFound()
    await tx.person.update({ where: { id: personId }, data: { lockedUntil: null, failedSignInCount: 0 } })
    await recordAudit(tx, { actor, action: 'person.unlock', objectType: 'Person', objectId: personId, context })
  })
}
