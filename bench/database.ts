import path from 'node:path'
import pg from 'pg'
import { applyMigrations } from '../scripts/db/migrate.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/embedded-postgres.ts'

const root = path.resolve(import.meta.dirname, '..')

/** The bench's own database: on DATABASE_URL's server, or an embedded PostgreSQL kept in .data/bench. */
export async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  let embedded: EmbeddedDatabase | undefined
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(root, '.data/bench-postgres'), port: Number(process.env.BENCH_PG_PORT ?? 54369), database: 'postgres', log: () => undefined })
    adminUrl = embedded.adminUrl
  }
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'xietong_bench'`)
  if (!exists.rowCount) await admin.query('CREATE DATABASE xietong_bench')
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = '/xietong_bench'
  await applyMigrations(url.toString())
  return { url: url.toString(), stop: async () => { await embedded?.stop() } }
}
