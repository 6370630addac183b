import path from 'node:path'
import pg from 'pg'
import { applyMigrations } from '../scripts/db/migrate.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/embedded-postgres.ts'

const root = path.resolve(import.meta.dirname, '..')

type Server = { adminUrl: string; embedded: EmbeddedDatabase | undefined }

/** DATABASE_URL's server, or an embedded PostgreSQL of the bench's own, kept in `.data/<dataDir>`. */
async function benchServer(dataDir: string, port: number, log: (message: string) => void = () => undefined): Promise<Server> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, embedded: undefined }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, '.data', dataDir), port, database: 'postgres', log })
  return { adminUrl: embedded.adminUrl, embedded }
}

const withDatabase = (adminUrl: string, name: string): string => {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** The bench's own database: on DATABASE_URL's server, or an embedded PostgreSQL kept in .data/bench. */
export async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { adminUrl, embedded } = await benchServer('bench-postgres', Number(process.env.BENCH_PG_PORT ?? 54369))
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'xietong_bench'`)
  if (!exists.rowCount) await admin.query('CREATE DATABASE xietong_bench')
  await admin.end()
  const url = withDatabase(adminUrl, 'xietong_bench')
  await applyMigrations(url)
  return { url, stop: async () => { await embedded?.stop() } }
}

export type FreshDatabase = { url: string; adminUrl: string; stop: () => Promise<void> }

/**
 * A fresh database for one run, `bench_<name>_<pid>`, migrated as production is and dropped by
 * `stop`: on DATABASE_URL's server, or on an embedded PostgreSQL (data in `.data/<dataDir>`).
 */
export async function freshBenchDatabase(options: { name: string; dataDir: string; port: number; log?: (message: string) => void }): Promise<FreshDatabase> {
  const { adminUrl, embedded } = await benchServer(options.dataDir, options.port, options.log)
  const name = `bench_${options.name}_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = withDatabase(adminUrl, name)
  await applyMigrations(url)
  return {
    url,
    adminUrl,
    stop: async () => {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
      await embedded?.stop()
    },
  }
}
