import type { Db, Tx } from '../core/db/index.ts'
import type { Manifest } from './manifest.ts'

export type VisibleApp = {
  installId: string
  appId: string
  unitId: string
  name: string
  manifest: Manifest
  version: string
  versionId: string
  grantedScopes: string[]
  preApprovedScopes: string[]
  /** The scopes this person consented to for the app (read with the row: the bridge needs no other query). */
  consentedScopes: string[]
  badge: number
}

type Row = VisibleApp & { manifest: Manifest }

/**
 * The listed apps installed for the person: an install of one of the units above one of their posts
 * (an install covers the units under it), enabled for everyone there or for a role they hold. One row
 * per app (the nearest install wins). This is the one rule for the workbench, the app page and the bridge.
 */
export async function visibleApps(db: Db | Tx, personId: string, appId?: string): Promise<VisibleApp[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT DISTINCT ON (i."appId") i.id AS "installId", i."appId", i."unitId", a.name, v.manifest, v.version, v.id AS "versionId",
           i."grantedScopes", i."preApprovedScopes", coalesce(b.count, 0)::int AS badge,
           ARRAY(SELECT c.scope FROM "MicroAppConsent" c WHERE c."personId" = ${personId}::uuid AND c."appId" = i."appId") AS "consentedScopes"
      FROM "MicroAppInstall" i
      JOIN "MicroApp" a ON a.id = i."appId" AND a.status = 'LISTED'
      JOIN "MicroAppVersion" v ON v.id = a."currentVersionId"
      JOIN "Unit" u ON u.id = i."unitId"
      JOIN "Post" p ON p."personId" = ${personId}::uuid
      JOIN "Unit" pu ON pu.id = p."unitId" AND left(pu.path, length(u.path)) = u.path
      LEFT JOIN "MicroAppBadge" b ON b."personId" = ${personId}::uuid AND b."appId" = i."appId"
     WHERE (${appId ?? null}::text IS NULL OR i."appId" = ${appId ?? null}::text)
       AND (cardinality(i."roleIds") = 0 OR EXISTS (
             SELECT 1 FROM "RoleGrant" g WHERE g."personId" = ${personId}::uuid AND g."roleId"::text = ANY(i."roleIds")))
     ORDER BY i."appId", u.depth DESC`
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

export async function visibleApp(db: Db | Tx, personId: string, appId: string): Promise<VisibleApp | null> {
  return (await visibleApps(db, personId, appId))[0] ?? null
}
