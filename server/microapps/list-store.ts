import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import type { Manifest } from './manifest.ts'
import { microappPolicy } from './policy.ts'
import { visibleApp } from './visible-installs.ts'
import { screenshotsOf } from './screenshots.ts'

/** 应用市场: listed apps, by category and a search over name and description. Everyone signed in may browse. */
export async function listStore(db: Db, filter: { q?: string; category?: string }) {
  const apps = await db.microApp.findMany({
    where: { status: 'LISTED', ...(filter.category ? { category: filter.category } : {}) },
    orderBy: { name: 'asc' }, take: 200,
    include: { _count: { select: { installs: true } } },
  })
  const versions = new Map((await db.microAppVersion.findMany({ where: { id: { in: apps.map((a) => a.currentVersionId!).filter(Boolean) } } })).map((v) => [v.id, v.manifest as Manifest]))
  const q = filter.q?.trim().toLowerCase()
  return apps
    .map((a) => ({ id: a.id, name: a.name, category: a.category, installs: a._count.installs, manifest: versions.get(a.currentVersionId!)! }))
    .filter((a) => a.manifest && (!q || a.name.toLowerCase().includes(q) || a.manifest.description.toLowerCase().includes(q) || (a.manifest.nameEn ?? '').toLowerCase().includes(q)))
}

/** An app's page: the listed version, its developer, whether the person can open it, and where the actor may install it. */
export async function appDetails(db: Db, actor: Actor, appId: string) {
  const app = await db.microApp.findUnique({ where: { id: appId }, include: { installs: true } })
  if (!app || app.status !== 'LISTED' || !app.currentVersionId) throw new AppError('not_found')
  const version = await db.microAppVersion.findUniqueOrThrow({ where: { id: app.currentVersionId } })
  const developer = await db.unit.findUnique({ where: { id: app.developerUnitId }, select: { name: true } })
  const unitIds = app.installs.map((i) => i.unitId)
  const units = await db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, path: true } })
  const installs = app.installs.map((i) => ({ ...i, unit: units.find((u) => u.id === i.unitId)! })).filter((i) => i.unit && microappPolicy.mayManageIn(actor, i.unit))
  return {
    id: app.id, name: app.name, category: app.category, manifest: version.manifest as Manifest, version: version.version,
    developer: developer?.name ?? '', openable: !!(await visibleApp(db, actor.personId, app.id)),
    screenshots: await screenshotsOf(db, [version.id]),
    installs: installs.map((i) => ({ unitId: i.unitId, unitName: i.unit.name, roleIds: i.roleIds, preApprovedScopes: i.preApprovedScopes })),
  }
}

/** The review queue (platform administrator): pending versions, oldest first, with the version they replace. */
export async function reviewQueue(db: Db, actor: Actor) {
  if (!microappPolicy.mayReview(actor)) throw new AppError('not_found')
  const pending = await db.microAppVersion.findMany({ where: { status: 'PENDING' }, orderBy: { createdAt: 'asc' }, take: 100, include: { app: true } })
  const current = new Map((await db.microAppVersion.findMany({ where: { id: { in: pending.map((p) => p.app.currentVersionId!).filter(Boolean) } } })).map((v) => [v.id, v.manifest as Manifest]))
  const shots = await screenshotsOf(db, pending.map((v) => v.id))
  return pending.map((v) => ({
    screenshots: shots.filter((s) => s.versionId === v.id),
    id: v.id, appId: v.appId, version: v.version, manifest: v.manifest as Manifest, createdAt: v.createdAt,
    newScopes: (v.manifest as Manifest).scopes.filter((s) => !(current.get(v.app.currentVersionId ?? '')?.scopes ?? []).includes(s)),
  }))
}
