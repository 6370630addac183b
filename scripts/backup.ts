/**
 * Back up the platform: `npm run backup [-- --dir DIR] [--keep N]`.
 * Writes DIR/xietong-<UTC time>/ (database.dump in pg_dump's custom format, manifest.json, SHA256SUMS);
 * DIR defaults to BACKUP_DIR, else ./backups. With --keep (or BACKUP_KEEP) older backups beyond N go.
 * Needs pg_dump of the server's major version or newer (PG_BIN_DIR names its directory); the embedded
 * PostgreSQL (18) ships no pg_dump, so back it up with a pg_dump 18 from PostgreSQL's packages.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { withPlatformDatabase } from './embedded-postgres.ts'

const { values } = parseArgs({ options: { dir: { type: 'string' }, keep: { type: 'string' } } })

await withPlatformDatabase(async (url) => {
  process.env.DATABASE_URL = url
  const { createBackup, pruneBackups } = await import('../server/operations/index.ts')
  const dir = path.resolve(values.dir ?? process.env.BACKUP_DIR ?? 'backups')
  const result = await createBackup({ databaseUrl: url, dir })
  console.log(`Backup written: ${result.dir} (${(result.manifest.database.bytes / 1e6).toFixed(1)} MB dump, ${result.ms} ms; sha256 ${result.manifest.database.sha256}).`)
  const keep = values.keep ?? process.env.BACKUP_KEEP
  if (keep) {
    const removed = await pruneBackups(dir, Number(keep))
    if (removed.length) console.log(`Removed ${removed.length} older backup(s): ${removed.join(', ')}.`)
  }
}).catch((error: Error) => {
  console.error(`Backup failed: ${error.message}`)
  process.exitCode = 1
})
