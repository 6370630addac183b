/**
 * Backup and restore times for a grown directory: `npm run bench:backup [-- --people 200000 --documents 100000]`.
 * Grows a fresh database (bench/seed-people.ts: people with posts in 300 units; bench/document-corpus.ts:
 * documents with their tasks and readers over 20 organisations), then times `createBackup` (pg_dump
 * custom format + checksums), `verifyBackup`, and `restoreBackup` into a new empty database, and
 * compares row counts. Needs DATABASE_URL's server with a pg_dump of its version (the embedded
 * PostgreSQL 18 has no pg_dump). Figures go to bench/results/backup-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { freshBenchDatabase } from './database.ts'
import { seedPeople } from './seed-people.ts'
import { seedDocumentCorpus } from './document-corpus.ts'
import { createBackup, restoreBackup, verifyBackup } from '../server/operations/index.ts'

const { values } = parseArgs({ options: { people: { type: 'string', default: '200000' }, documents: { type: 'string', default: '100000' } } })
const people = Number(values.people)
const documents = Number(values.documents)
const root = path.resolve(import.meta.dirname, '..')
const seconds = (ms: number) => +(ms / 1000).toFixed(1)

const database = await freshBenchDatabase({ name: 'backup', dataDir: 'bench-backup-postgres', port: Number(process.env.BENCH_BACKUP_PG_PORT ?? 54535) })
const target = `bench_backup_restore_${process.pid}`
const results: Record<string, unknown> = { date: new Date().toISOString(), people, documents, loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)) }
const dir = await mkdtemp(path.join(tmpdir(), 'xietong-bench-backup-'))
try {
  let started = performance.now()
  console.log(`Growing the directory: ${people} people, then ${documents} documents…`)
  await seedPeople(database.url, people)
  await seedDocumentCorpus(database.url, documents)
  results.growSeconds = seconds(performance.now() - started)
  const sql = new pg.Client({ connectionString: database.url })
  await sql.connect()
  const size = async (client: pg.Client) => Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n)
  const counts = async (client: pg.Client) => Object.fromEntries(await Promise.all(['Person', 'Post', 'Unit', 'Document', 'DocumentTask', 'AuditEvent'].map(async (t) => [t, Number((await client.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n)])))
  const before = await counts(sql)
  results.rows = before
  results.databaseMB = +((await size(sql)) / 1e6).toFixed(1)
  await sql.end()
  console.log(`  grown in ${results.growSeconds} s: ${JSON.stringify(before)}, ${results.databaseMB} MB`)

  started = performance.now()
  const backup = await createBackup({ databaseUrl: database.url, dir })
  results.backupSeconds = seconds(performance.now() - started)
  results.dumpMB = +(backup.manifest.database.bytes / 1e6).toFixed(1)
  console.log(`Backup: ${results.backupSeconds} s, dump ${results.dumpMB} MB`)

  started = performance.now()
  await verifyBackup(backup.dir)
  results.verifySeconds = seconds(performance.now() - started)

  const admin = new pg.Client({ connectionString: database.adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${target}`)
  await admin.end()
  const targetUrl = new URL(database.adminUrl)
  targetUrl.pathname = `/${target}`
  started = performance.now()
  await restoreBackup({ dir: backup.dir, databaseUrl: targetUrl.toString() })
  results.restoreSeconds = seconds(performance.now() - started)
  const restored = new pg.Client({ connectionString: targetUrl.toString() })
  await restored.connect()
  const after = await counts(restored)
  await restored.end()
  results.rowsMatch = JSON.stringify(after) === JSON.stringify(before)
  results.loadAverageAtEnd = loadavg().map((l) => +l.toFixed(2))
  console.log(`Verify (checksums): ${results.verifySeconds} s; restore (checksums + pg_restore, one transaction): ${results.restoreSeconds} s; rows match: ${results.rowsMatch}`)
} finally {
  const admin = new pg.Client({ connectionString: database.adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`)
  await admin.end()
  await database.stop()
  await rm(dir, { recursive: true, force: true })
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(path.join(root, 'bench/results/backup-latest.json'), JSON.stringify(results, null, 2))
console.log(JSON.stringify(results, null, 2))
process.exit(process.exitCode ?? 0)
