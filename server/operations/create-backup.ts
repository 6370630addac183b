/**
 * `npm run backup`: one directory per backup, `xietong-<UTC time>/`, holding `database.dump`
 * (pg_dump --format=custom of the platform's database: one snapshot, so documents, their PDFs,
 * co-edited bodies and the audit chain are consistent with each other), `manifest.json` and
 * `SHA256SUMS` (`sha256sum -c SHA256SUMS` checks it by hand). Written into `<name>.partial` and renamed
 * when complete, so a crashed backup is never taken for one (and retention skips it).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { clock } from '../core/clock.ts'
import { BACKUP_NAME, CHECKSUMS, DATABASE_DUMP, MANIFEST, majorOf, pgProgram, runProgram, sha256File, type Manifest } from './backup-files.ts'

export type BackupResult = { dir: string; manifest: Manifest; ms: number }

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
}

/**
 * Why this machine's pg_dump cannot dump a server of this version, or null when it can: pg_dump
 * refuses a server newer than itself, so say which one to install instead of its message alone.
 */
export async function dumpRefusal(serverVersion: string): Promise<string | null> {
  const dumpVersion = (await runProgram(pgProgram('pg_dump'), ['--version'])).trim()
  if (majorOf(dumpVersion.replace(/^\D+/, '')) >= majorOf(serverVersion)) return null
  return `${dumpVersion} cannot dump PostgreSQL ${serverVersion}: install pg_dump ${majorOf(serverVersion)} or newer (PG_BIN_DIR names its directory)`
}

export async function createBackup(options: { databaseUrl: string; dir: string }): Promise<BackupResult> {
  const started = performance.now()
  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  let serverVersion: string
  let migrations: { count: number; last: string | null }
  try {
    serverVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version
    const rows = await client.query<{ count: string; last: string | null }>(`SELECT count(*)::text AS count, max(migration_name) AS last FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).catch(() => ({ rows: [{ count: '0', last: null }] }))
    migrations = { count: Number(rows.rows[0]!.count), last: rows.rows[0]!.last }
  } finally {
    await client.end()
  }
  const pgDump = pgProgram('pg_dump')
  const refusal = await dumpRefusal(serverVersion)
  if (refusal) throw new Error(refusal)
  const dumpVersion = (await runProgram(pgDump, ['--version'])).trim()
  const name = `xietong-${stamp(clock.now())}`
  if (!BACKUP_NAME.test(name)) throw new Error(`unexpected backup name ${name}`)
  const final = path.join(options.dir, name)
  const partial = `${final}.partial`
  await mkdir(partial, { recursive: true })
  try {
    // --no-owner/--no-privileges: the dump restores into a database of another owner (a drill, a new host).
    await runProgram(pgDump, ['--format=custom', '--compress=6', '--no-owner', '--no-privileges', `--file=${path.join(partial, DATABASE_DUMP)}`, `--dbname=${options.databaseUrl}`])
    const sum = await sha256File(path.join(partial, DATABASE_DUMP))
    const manifest: Manifest = {
      format: 1,
      createdAt: clock.now().toISOString(),
      database: { file: DATABASE_DUMP, sha256: sum.sha256, bytes: sum.bytes, serverVersion, pgDump: dumpVersion, migrations: migrations.count, lastMigration: migrations.last },
      files: [],
    }
    await writeFile(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
    const manifestSum = await sha256File(path.join(partial, MANIFEST))
    await writeFile(path.join(partial, CHECKSUMS), `${sum.sha256}  ${DATABASE_DUMP}\n${manifestSum.sha256}  ${MANIFEST}\n`)
    await rename(partial, final)
    return { dir: final, manifest, ms: Math.round(performance.now() - started) }
  } catch (error) {
    await rm(partial, { recursive: true, force: true })
    throw error
  }
}
