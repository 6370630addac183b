import { db } from '../core/db/index.ts'
import { manifestSchema } from './manifest.ts'

const TTL_MS = 10_000
const MAX_ENTRIES = 1000
const cache = new Map<string, { origin: string | null; at: number }>()

/**
 * The origin an external-URL app (entry `{ type: 'url' }`) is framed from, for its open page's
 * frame-src (proxy.ts); null for bundled apps and unknown or unlisted ones. Only that app's own page
 * may frame that origin. Cached 10 s per app (delisting takes effect within that), at most 1,000 apps.
 */
export async function externalFrameOrigin(appId: string): Promise<string | null> {
  const hit = cache.get(appId)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.origin
  const rows = await db().$queryRaw<{ manifest: unknown }[]>`
    SELECT v.manifest FROM "MicroApp" a JOIN "MicroAppVersion" v ON v.id = a."currentVersionId" WHERE a.id = ${appId} AND a.status = 'LISTED'`
  const parsed = rows[0] ? manifestSchema.safeParse(rows[0].manifest) : null
  const origin = parsed?.success && parsed.data.entry.type === 'url' ? new URL(parsed.data.entry.url).origin : null
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  cache.set(appId, { origin, at: Date.now() })
  return origin
}
