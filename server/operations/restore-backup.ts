/**
 * `npm run restore -- <backup directory> [--database URL]`: checks every checksum first, refuses a
 * database that holds anything (restoring over live data would mix two platforms), then pg_restore's
 * the dump in one transaction (a failure leaves the database empty again).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { CHECKSUMS, DATABASE_DUMP, MANIFEST, pgProgram, runProgram, sha256File, type Manifest } from './backup-files.ts'

export class BackupDamagedError extends Error {}
export class DatabaseNotEmptyError extends Error {}

/** Every file listed in SHA256SUMS has that checksum, and the manifest agrees with the dump. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const sums = await readFile(path.join(dir, CHECKSUMS), 'utf8').catch(() => {
    throw new BackupDamagedError(`${dir} has no ${CHECKSUMS}: not a complete backup`)
  })
  const listed = new Map<string, string>()
  for (const line of sums.split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
    if (!m) throw new BackupDamagedError(`${CHECKSUMS}: unreadable line "${line}"`)
    listed.set(m[2]!, m[1]!)
  }
  for (const required of [DATABASE_DUMP, MANIFEST]) if (!listed.has(required)) throw new BackupDamagedError(`${CHECKSUMS} does not list ${required}`)
  for (const [file, expected] of listed) {
    if (file.includes('/') || file.startsWith('.')) throw new BackupDamagedError(`${CHECKSUMS} names a file outside the backup: ${file}`)
    const actual = await sha256File(path.join(dir, file)).catch(() => null)
    if (!actual) throw new BackupDamagedError(`${file} is missing`)
    if (actual.sha256 !== expected) throw new BackupDamagedError(`${file} does not match its checksum (damaged or changed)`)
  }
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest
  if (manifest.format !== 1 || manifest.database.sha256 !== listed.get(DATABASE_DUMP)) throw new BackupDamagedError('manifest.json does not describe this dump')
  return manifest
}

/** Relations (tables, sequences, views) outside PostgreSQL's own schemas: an empty database has none. */
export async function countUserRelations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
    )
    return Number(rows[0]!.count)
  } finally {
    await client.end()
  }
}

export async function restoreBackup(options: { dir: string; databaseUrl: string }): Promise<{ manifest: Manifest; ms: number }> {
  const started = performance.now()
  const manifest = await verifyBackup(options.dir)
  const existing = await countUserRelations(options.databaseUrl)
  if (existing > 0) throw new DatabaseNotEmptyError(`the target database is not empty (${existing} tables, views or sequences): restore only into a new, empty database`)
  await runProgram(pgProgram('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${options.databaseUrl}`, path.join(options.dir, DATABASE_DUMP)])
  return { manifest, ms: Math.round(performance.now() - started) }
}
