import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { storePassword } from '../auth/index.ts'
import { directoryPolicy } from './policy.ts'
import { createPersonInput, type CreatePersonInput } from './schemas.ts'
import { nameKeys } from './pinyin.ts'
import { assertUnique, loadUnits, writePosts } from './person-rows.ts'

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
