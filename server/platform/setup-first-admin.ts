import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { assertPasswordRules, hashPassword } from '../auth/index.ts'
import { nameKeys, uuidv7 } from '../directory/index.ts'
import { ensureSystemRoles } from './ensure-system-roles.ts'

export const setupInput = z.object({
  organisationName: z.string().trim().min(2).max(100),
  organisationShortName: z.string().trim().min(1).max(40),
  organCode: z.string().trim().max(20).optional(),
  adminName: z.string().trim().min(1).max(40),
  adminAccount: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9._-]{2,31}$/),
  password: z.string().min(1).max(128),
})
export type SetupInput = z.infer<typeof setupInput>

const SETUP_LOCK = 0x58_54_53_55 // "XTSU"
/** The other two duties: never on the system administrator. */
const FIRST_ADMIN_SKIPS = new Set(['security-admin', 'auditor'])

export async function isSetupNeeded(db: Db): Promise<boolean> {
  return (await db.person.count()) === 0
}

/**
 * First start without demo data: create the organisation's root unit and the first administrator,
 * the system administrator (with the business roles). The three duties stay apart (三员分立): the
 * security administrator and the auditor are appointed by the operator (`npm run admin:appoint`).
 * Possible exactly once.
 */
export async function setupFirstAdmin(db: Db, input: SetupInput, context: RequestContext) {
  const fields = setupInput.parse(input)
  assertPasswordRules(fields.password, { account: fields.adminAccount })
  const passwordHash = await hashPassword(fields.password)
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`
    if ((await tx.person.count()) > 0) throw new AppError('setup.already_done')
    const roleIds = await ensureSystemRoles(tx)
    const unitId = uuidv7()
    await tx.unit.create({
      data: { id: unitId, name: fields.organisationName, shortName: fields.organisationShortName, organCode: fields.organCode || null, kind: 'OTHER', path: `/${unitId}/`, depth: 0 },
    })
    const person = await tx.person.create({
      data: { account: fields.adminAccount, name: fields.adminName, ...nameKeys(fields.adminName), passwordHash, passwordChangedAt: new Date() },
    })
    await tx.post.create({ data: { personId: person.id, unitId, title: '系统管理员', isPrimary: true } })
    for (const [key, roleId] of roleIds) {
      if (!FIRST_ADMIN_SKIPS.has(key)) await tx.roleGrant.create({ data: { personId: person.id, roleId, unitId } })
    }
    await recordAudit(tx, { actor: { personId: person.id, name: person.name }, action: 'platform.setup', objectType: 'Unit', objectId: unitId, context })
    return person
  })
}
