import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { clock } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { manifestSchema } from './manifest.ts'
import { microappPolicy } from './policy.ts'

export type InstallInput = { appId: string; unitId: string; roleIds?: string[]; preApprovedScopes?: string[] }

/**
 * A unit administrator installs a listed app for their unit (and the units under it), optionally only
 * for some roles, and may pre-approve some of its scopes for everyone there (no per-person consent).
 * Installing again changes roles and pre-approvals.
 */
export async function installApp(db: Db, actor: Actor, input: InstallInput, context: RequestContext) {
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } })
  if (!unit || !microappPolicy.mayManageIn(actor, unit)) throw new AppError('not_found')
  const app = await db.microApp.findUnique({ where: { id: input.appId }, include: { versions: { where: { status: 'APPROVED' }, orderBy: { createdAt: 'desc' }, take: 1 } } })
  if (!app || app.status !== 'LISTED' || !app.currentVersionId) throw new AppError('not_found')
  const version = await db.microAppVersion.findUniqueOrThrow({ where: { id: app.currentVersionId } })
  const manifest = manifestSchema.parse(version.manifest)
  if (manifest.visibility.units.length) {
    const allowed = await db.unit.findMany({ where: { id: { in: manifest.visibility.units } }, select: { path: true } })
    if (!allowed.some((u) => unit.path.startsWith(u.path))) throw new AppError('microapp.not_for_unit')
  }
  const preApproved = [...new Set(input.preApprovedScopes ?? [])]
  if (preApproved.some((s) => !(manifest.scopes as string[]).includes(s))) throw new AppError('validation')
  const roleIds = [...new Set(input.roleIds ?? [])]
  if (roleIds.length && (await db.role.count({ where: { id: { in: roleIds } } })) !== roleIds.length) throw new AppError('validation')
  return db.$transaction(async (tx) => {
    const install = await tx.microAppInstall.upsert({
      where: { appId_unitId: { appId: app.id, unitId: unit.id } },
      create: { appId: app.id, unitId: unit.id, roleIds, preApprovedScopes: preApproved, grantedScopes: manifest.scopes, versionId: version.id, installedById: actor.personId, createdAt: clock.now() },
      update: { roleIds, preApprovedScopes: preApproved, revision: { increment: 1 } },
    })
    await recordAudit(tx, { actor, action: 'microapp.installed', objectType: 'microapp', objectId: app.id, details: { unitId: unit.id, roleIds, preApprovedScopes: preApproved }, context })
    return install
  })
}

/** Uninstall: the next bridge call of anyone in the unit is refused. */
export async function uninstallApp(db: Db, actor: Actor, input: { appId: string; unitId: string }, context: RequestContext) {
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } })
  if (!unit || !microappPolicy.mayManageIn(actor, unit)) throw new AppError('not_found')
  await db.$transaction(async (tx) => {
    const removed = await tx.microAppInstall.deleteMany({ where: { appId: input.appId, unitId: unit.id } })
    if (!removed.count) throw new AppError('not_found')
    await recordAudit(tx, { actor, action: 'microapp.uninstalled', objectType: 'microapp', objectId: input.appId, details: { unitId: unit.id }, context })
  })
}
