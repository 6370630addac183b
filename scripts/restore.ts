/**
 * Restore a backup into an EMPTY database: `npm run restore -- <backup dir> [--database URL]`.
 * The target defaults to DATABASE_URL. Checksums are verified first; a database holding any table is
 * refused. Afterwards: `npm run audit:verify` against it, then start the platform on it.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({ options: { database: { type: 'string' } }, allowPositionals: true })
const dir = positionals[0]
const url = values.database ?? process.env.DATABASE_URL
if (!dir || !url) {
  console.error('Usage: npm run restore -- <backup directory> [--database postgresql://…/empty_db]  (or DATABASE_URL)')
  process.exit(2)
}
const { restoreBackup } = await import('../server/operations/index.ts')
try {
  const { manifest, ms } = await restoreBackup({ dir: path.resolve(dir), databaseUrl: url })
  console.log(`Restored the backup of ${manifest.createdAt} (${manifest.database.migrations} migrations, last ${manifest.database.lastMigration}) in ${ms} ms. Next: DATABASE_URL=… npm run audit:verify`)
} catch (error) {
  console.error(`Restore refused or failed: ${(error as Error).message}`)
  process.exitCode = 1
}
