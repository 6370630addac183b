import type { Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { directoryPolicy } from './policy.ts'
import type { PersonFields } from './schemas.ts'

/** Rows shared by the operations on people. */
export async function loadUnits(tx: Tx, ids: string[]) {
  const units = await tx.unit.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true, path: true } })
  if (units.length !== new Set(ids).size) throw notFound()
  return units
}

export async function assertUnique(tx: Tx, fields: { account?: string; phone?: string | null }, exceptId?: string) {
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
export async function writePosts(tx: Tx, personId: string, fields: PersonFields) {
  const posts = fields.posts.some((p) => p.isPrimary) ? fields.posts : fields.posts.map((p, i) => ({ ...p, isPrimary: i === 0 }))
  await tx.post.deleteMany({ where: { personId } })
  await tx.post.createMany({ data: posts.map((p, i) => ({ personId, ...p, sortOrder: i })) })
  await tx.leaderCharge.deleteMany({ where: { personId } })
  await tx.leaderCharge.createMany({ data: [...new Set(fields.leaderChargeUnitIds)].map((unitId) => ({ personId, unitId })) })
}

export async function loadManagedPerson(tx: Tx, actor: Actor, personId: string) {
  const person = await tx.person.findUnique({
    where: { id: personId },
    include: { posts: { include: { unit: { select: { path: true } } } } },
  })
  if (!person) throw notFound()
  if (!directoryPolicy.mayManagePerson(actor, person)) throw new AppError('forbidden')
  return person
}
