/**
 * Bundled apps' files: each folder of plugins/ with a manifest.json holds its app's static files
 * beside it (the manifest's entry path is relative to the folder). Read once at start.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** plugins/ of the project the platform runs from (scripts/platform.ts and the tests start there). */
export const pluginsRoot = path.join(process.cwd(), 'plugins')

export type Bundle = { dir: string; manifest: Record<string, unknown> }

let cache: Map<string, Bundle> | undefined

export function bundles(): Map<string, Bundle> {
  if (cache) return cache
  cache = new Map()
  // MICROAPPS_TEST_BUNDLES (e2e only): a folder of test apps (the hostile ones) served like plugins/.
  const roots = [pluginsRoot, ...(process.env.MICROAPPS_TEST_BUNDLES ? [path.resolve(process.env.MICROAPPS_TEST_BUNDLES)] : [])]
  for (const [root, name] of roots.flatMap((r) => (existsSync(r) ? readdirSync(r).map((n) => [r, n] as const) : []))) {
    const file = path.join(root, name, 'manifest.json')
    if (!existsSync(file)) continue
    let source = readFileSync(file, 'utf8')
    // A test app that stands for an external site names the origin of the e2e's own HTTP server.
    if (root !== pluginsRoot) source = source.replaceAll('${MICROAPPS_TEST_EXTERNAL_ORIGIN}', process.env.MICROAPPS_TEST_EXTERNAL_ORIGIN ?? 'http://127.0.0.1:9')
    const manifest = JSON.parse(source) as Record<string, unknown>
    cache.set(String(manifest.id), { dir: path.join(root, name), manifest })
  }
  return cache
}

/** A file of an app's bundle, or null (never outside the bundle's folder). */
export function bundleFile(appId: string, relative: string): { file: string } | null {
  const bundle = bundles().get(appId)
  if (!bundle) return null
  const file = path.resolve(bundle.dir, relative)
  if (!file.startsWith(bundle.dir + path.sep) || file.includes(`${path.sep}server`) || !existsSync(file)) return null
  return { file }
}
