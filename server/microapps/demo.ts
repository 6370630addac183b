/**
 * Demo data: the first-party apps in plugins/ (食堂报餐, 意见征集, 公车预约: every folder with a manifest) listed
 * and installed for the demo city, their back ends registered as sign-on clients. Called once from
 * server/platform/seed-demo.ts inside its transaction.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Prisma, Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { randomToken, sha256Hex } from '../core/crypto.ts'
import { manifestSchema } from './manifest.ts'
import { bundles } from './bundles.ts'
import { appOrigins } from './origins.ts'
import { seedVehiclesDemo } from '../../plugins/vehicles/demo.ts'
import { prepareScreenshots, saveScreenshots } from './screenshots.ts'

/** Where an in-process first-party back end finds its client secret (demo wiring; a real back end keeps it in its own settings). */
export const backendSecretKey = (appId: string) => `microapps.backendSecret.${appId}`

export async function seedMicroappsDemo(tx: Tx, input: { rootUnitId: string; adminId: string; personIds?: Map<string, string> }): Promise<void> {
  const now = clock.now()
  const origins = appOrigins()
  for (const [appId, bundle] of bundles()) {
    // The repository's manifests name no unit (the demo city's ids are made at seeding): the city is the developer.
    const manifest = manifestSchema.parse({ ...bundle.manifest, developerUnit: input.rootUnitId })
    await tx.microApp.create({ data: { id: appId, name: manifest.name, category: manifest.category, developerUnitId: input.rootUnitId, status: 'LISTED', createdAt: now } })
    const version = await tx.microAppVersion.create({
      data: { appId, version: manifest.version, manifest: manifest as Prisma.InputJsonValue, status: 'APPROVED', submittedById: input.adminId, reviewedById: input.adminId, reviewedAt: now, reviewReason: '平台自带应用', createdAt: now },
    })
    await tx.microApp.update({ where: { id: appId }, data: { currentVersionId: version.id } })
    // Store screenshots: the bundle's screenshots/ folder (phone and desktop shots, in name order).
    const shots = path.join(bundle.dir, 'screenshots')
    if (existsSync(shots)) {
      const files = readdirSync(shots).filter((f) => /\.(png|jpe?g|webp)$/i.test(f)).sort()
      await saveScreenshots(tx, version.id, await prepareScreenshots(files.map((f) => new Uint8Array(readFileSync(path.join(shots, f))))))
    }
    await tx.microAppInstall.create({
      data: { appId, unitId: input.rootUnitId, roleIds: [], preApprovedScopes: manifest.scopes.filter((s) => s === 'user.basic'), grantedScopes: manifest.scopes, versionId: version.id, installedById: input.adminId, createdAt: now },
    })
    if (manifest.clientId) {
      const secret = randomToken(32)
      await tx.oidcClient.create({
        data: { clientId: manifest.clientId, name: manifest.name, unitId: input.rootUnitId, secretHash: sha256Hex(secret), redirectUris: [`${origins.apps}/svc/${appId}/callback`], postLogoutRedirectUris: [], scopes: ['profile', 'org'], appId, createdById: input.adminId, createdAt: now },
      })
      await tx.systemSetting.create({ data: { key: backendSecretKey(appId), value: secret } })
    }
  }
  // The apps' own demo data: 公车预约's vehicles and its vehicle office.
  if (bundles().has('cn.gov.taihe.vehicles') && input.personIds) await seedVehiclesDemo(tx, input.personIds)
}
