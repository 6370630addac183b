/**
 * Operator command: a new signing key for the OpenID Connect provider (`npm run oidc:rotate-keys`).
 * The old key stays published for two days; running platforms switch within 30 s. Audited (operator).
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { projectRoot } from './db/schema-engine.ts'

const envFile = path.join(projectRoot, '.env')
if (existsSync(envFile)) process.loadEnvFile(envFile)
if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to the platform database.')
  process.exit(1)
}
const { db, disconnectDb } = await import('../server/core/db/index.ts')
const { rotateSigningKey } = await import('../server/oidc/index.ts')
const { kid } = await rotateSigningKey(db(), null, { requestId: randomUUID(), ip: null, userAgent: 'oidc-rotate-keys' })
console.log(`New signing key ${kid}; the previous keys are retired and removed after two days.`)
await disconnectDb()
