import type { Db, Prisma } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { clock } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { manifestSchema } from './manifest.ts'
import { microappPolicy } from './policy.ts'
import { prepareScreenshots, saveScreenshots } from './screenshots.ts'

/**
 * A developer unit's administrator submits an app (or a new version of it) for review. The manifest
 * must parse (zod: localized problems); the app is listed only when the platform administrator approves.
 * Screenshots (images, checked by their bytes) go with the version.
 */
export async function submitApp(db: Db, actor: Actor, raw: unknown, context: RequestContext, screenshotFiles: Uint8Array[] = []): Promise<{ appId: string; versionId: string }> {
  const manifest = manifestSchema.parse(raw)
  const unit = await db.unit.findUnique({ where: { id: manifest.developerUnit }, select: { id: true, path: true } })
  if (!unit || !microappPolicy.mayManageIn(actor, unit)) throw new AppError('not_found')
  const screenshots = await prepareScreenshots(screenshotFiles)
  return db.$transaction(async (tx) => {
    const [existing] = await tx.$queryRaw<{ developerUnitId: string }[]>`SELECT "developerUnitId" FROM "MicroApp" WHERE id = ${manifest.id} FOR UPDATE`
    if (existing && existing.developerUnitId !== unit.id) throw new AppError('microapp.id_taken')
    if (!existing) await tx.microApp.create({ data: { id: manifest.id, name: manifest.name, category: manifest.category, developerUnitId: unit.id, createdAt: clock.now() } })
    if (await tx.microAppVersion.findUnique({ where: { appId_version: { appId: manifest.id, version: manifest.version } } })) throw new AppError('microapp.version_exists')
    const version = await tx.microAppVersion.create({
      data: { appId: manifest.id, version: manifest.version, manifest: manifest as Prisma.InputJsonValue, submittedById: actor.personId, createdAt: clock.now() },
    })
    await saveScreenshots(tx, version.id, screenshots)
    await recordAudit(tx, { actor, action: 'microapp.submitted', objectType: 'microapp', objectId: manifest.id, details: { version: manifest.version, scopes: manifest.scopes, screenshots: screenshots.length }, context })
    return { appId: manifest.id, versionId: version.id }
  })
}
