/**
 * The platform for e2e runs: production build, demo data, and a database of its own — a fresh
 * embedded PostgreSQL folder, or a fresh database on DATABASE_URL's server — so runs never share state.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const root = path.resolve(import.meta.dirname, '../..')
// Both projects sign in and click from one address, far faster than people: the rate limit stays on
// (so its code path runs) with budgets no run reaches.
const env: NodeJS.ProcessEnv = {
  ...process.env, SEED_DEMO: '1', LOG_LEVEL: 'warn', REALTIME_PORT: String(Number(process.env.PORT ?? 3100) + 1),
  // The micro-apps origin (another port) and the sign-on issuer follow the run's port.
  APPS_PORT: String(Number(process.env.PORT ?? 3100) + 2), PUBLIC_URL: `http://localhost:${process.env.PORT ?? 3100}`,
  MICROAPPS_TEST_BUNDLES: path.join(root, 'e2e/fixtures/microapps'),
  // The "external" test app's site: an HTTP server microapps-hostile.spec.ts starts on PORT + 3.
  MICROAPPS_TEST_EXTERNAL_ORIGIN: `http://127.0.0.1:${Number(process.env.PORT ?? 3100) + 3}`,
  XIETONG_TEST_CLOCK: '1', RATE_LIMIT_AUTH_PER_MINUTE: '100000', RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000', RATE_LIMIT_READS_PER_MINUTE: '100000',
}

if (process.env.DATABASE_URL) {
  const name = `xietong_e2e_${process.pid}`
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${name}`
  env.DATABASE_URL = url.toString()
} else {
  const dataDir = path.join(root, '.data/e2e')
  rmSync(dataDir, { recursive: true, force: true })
  env.XIETONG_DATA_DIR = dataDir
  env.EMBEDDED_PG_PORT = process.env.E2E_PG_PORT ?? '54349'
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/platform.ts'), 'start'], { env, stdio: 'inherit', cwd: root })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
