import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { directoryPolicy } from './policy.ts'
import { personFields, type PersonFields } from './schemas.ts'
import { nameKeys } from './pinyin.ts'
import { assertUnique, loadUnits, writePosts } from './person-rows.ts'

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
