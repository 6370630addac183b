import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { clock } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { manifestSchema, reviewProblems } from './manifest.ts'
import { microappPolicy } from './policy.ts'
import { appOrigins } from './origins.ts'

export type ReviewDecision = { decision: 'approve' | 'reject'; reason?: string }

/**
 * The platform administrator approves (the version becomes current; installs now grant its scopes, and
 * scopes new to it need consent again) or rejects with a reason. A manifest whose entry or network
 * origins reach the platform (or the apps origin) is refused at approval whatever the reviewer says.
 */
export async function reviewVersion(db: Db, actor: Actor, versionId: string, input: ReviewDecision, context: RequestContext) {
  if (!microappPolicy.mayReview(actor)) throw new AppError('not_found')
  if (input.decision === 'reject' && !input.reason?.trim()) throw new AppError('microapp.reason_required')
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "MicroAppVersion" WHERE id = ${versionId}::uuid FOR UPDATE`
    if (!row) throw new AppError('not_found')
    const version = await tx.microAppVersion.findUniqueOrThrow({ where: { id: versionId } })
    if (version.status !== 'PENDING') throw new AppError('microapp.already_reviewed')
    await tx.$queryRaw`SELECT id FROM "MicroApp" WHERE id = ${version.appId} FOR UPDATE`
    const app = await tx.microApp.findUniqueOrThrow({ where: { id: version.appId } })
    if (input.decision === 'approve') {
      const manifest = manifestSchema.parse(version.manifest)
      const problems = reviewProblems(manifest, appOrigins())
      if (problems.length) throw new AppError('microapp.manifest_refused', { problems: problems.join(', ') })
      await tx.microAppVersion.update({ where: { id: versionId }, data: { status: 'APPROVED', reviewedById: actor.personId, reviewedAt: clock.now(), reviewReason: input.reason ?? null } })
      await tx.microApp.update({ where: { id: app.id }, data: { status: 'LISTED', currentVersionId: versionId, name: manifest.name, category: manifest.category, revision: { increment: 1 } } })
      // Installs follow the approved version: its scopes are granted; pre-approvals stay only for scopes it still asks for.
      await tx.$executeRaw`UPDATE "MicroAppInstall" SET "grantedScopes" = ${manifest.scopes}::text[], "versionId" = ${versionId}::uuid,
        "preApprovedScopes" = ARRAY(SELECT unnest("preApprovedScopes") INTERSECT SELECT unnest(${manifest.scopes}::text[])), revision = revision + 1
        WHERE "appId" = ${app.id}`
    } else {
      await tx.microAppVersion.update({ where: { id: versionId }, data: { status: 'REJECTED', reviewedById: actor.personId, reviewedAt: clock.now(), reviewReason: input.reason!.trim() } })
      if (app.status === 'SUBMITTED') await tx.microApp.update({ where: { id: app.id }, data: { status: 'REJECTED', revision: { increment: 1 } } })
    }
    await recordAudit(tx, { actor, action: input.decision === 'approve' ? 'microapp.approved' : 'microapp.rejected', objectType: 'microapp', objectId: app.id, details: { version: version.version, reason: input.reason ?? null }, context })
    return { status: input.decision === 'approve' ? 'APPROVED' : 'REJECTED' }
  })
}
