/**
 * A fresh database for one run, dropped at the end: `bench_realtime_<pid>` on DATABASE_URL's server, or
 * on an embedded PostgreSQL of its own (data in .data/bench-realtime-postgres, port
 * BENCH_REALTIME_PG_PORT, default 54531), migrated as production is; with its server's processes, to
 * read PostgreSQL's CPU beside ours.
 */
import { existsSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { freshBenchDatabase } from '../database.ts'
import { withChildren } from './proc.ts'

export type BenchDatabase = {
  url: string
  /** The PostgreSQL processes (postmaster and children) when the server runs on this machine. */
  processes: () => number[]
  stop: () => Promise<void>
}

export async function realtimeBenchDatabase(): Promise<BenchDatabase> {
  const database = await freshBenchDatabase({
    name: 'realtime',
    dataDir: 'bench-realtime-postgres',
    port: Number(process.env.BENCH_REALTIME_PG_PORT ?? 54531),
    log: (m) => console.log(`  ${m}`),
  })
  const postmaster = await postmasterOf(database.adminUrl)
  return {
    url: database.url,
    processes: () => (postmaster && existsSync(`/proc/${postmaster}`) ? withChildren(postmaster) : []),
    stop: database.stop,
  }
}

/** The postmaster's pid, when PostgreSQL runs on this machine and /proc shows it (a backend's parent). */
async function postmasterOf(adminUrl: string): Promise<number | null> {
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(adminUrl).hostname)) return null
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const backend = Number((await admin.query('SELECT pg_backend_pid() AS pid')).rows[0].pid)
    const stat = readFileSync(`/proc/${backend}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  } finally {
    await admin.end()
  }
}
