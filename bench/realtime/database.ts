/**
 * A fresh database for one run, dropped at the end: `bench_realtime_<pid>` on DATABASE_URL's server, or
 * on an embedded PostgreSQL of its own (data in .data/bench-realtime-postgres, port
 * BENCH_REALTIME_PG_PORT, default 54531), migrated as production is.
 */
import path from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { applyMigrations } from '../../scripts/db/migrate.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../scripts/embedded-postgres.ts'
import { withChildren } from './proc.ts'

const root = path.resolve(import.meta.dirname, '../..')

export type BenchDatabase = {
  url: string
  /** The PostgreSQL processes (postmaster and children) when the server runs on this machine. */
  processes: () => number[]
  stop: () => Promise<void>
}

export async function realtimeBenchDatabase(): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | undefined
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(root, '.data/bench-realtime-postgres'),
      port: Number(process.env.BENCH_REALTIME_PG_PORT ?? 54531),
      database: 'postgres',
      log: (m) => console.log(`  ${m}`),
    })
    adminUrl = embedded.adminUrl
  }
  const name = `bench_realtime_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const postmaster = await admin.query('SELECT pg_backend_pid() AS pid').then((r) => {
    const backend = Number(r.rows[0].pid)
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(adminUrl).hostname)) return null
    try {
      // The backend's parent is the postmaster, when PostgreSQL runs on this machine and /proc shows it.
      const stat = readFileSync(`/proc/${backend}/stat`, 'utf8')
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    } catch {
      return null
    }
  })
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  await applyMigrations(url.toString())
  return {
    url: url.toString(),
    processes: () => (postmaster && existsSync(`/proc/${postmaster}`) ? withChildren(postmaster) : []),
    stop: async () => {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
      await embedded?.stop()
    },
  }
}
