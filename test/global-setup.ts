import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '../scripts/db/migrate.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/embedded-postgres.ts'
import { projectRoot } from '../scripts/db/schema-engine.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string
    templateDb: string
  }
}

let embedded: EmbeddedDatabase | undefined
let adminUrl = ''
let templateDb = ''

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/**
 * One PostgreSQL for the run: the one named by DATABASE_URL (CI runs the suite once against the
 * machine's PostgreSQL 15 this way), or an embedded one, as a user's fresh machine has none.
 * Migrations are applied once to a template database that every test file clones.
 */
export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(projectRoot, '.data/test-postgres'),
      port: Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54339),
      database: 'postgres',
      log: () => undefined,
    })
    adminUrl = embedded.adminUrl
  }
  templateDb = `xt_template_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${templateDb}"`)
  await admin.end()
  await applyMigrations(withDatabase(adminUrl, templateDb))
  project.provide('adminUrl', adminUrl)
  project.provide('templateDb', templateDb)
}

export async function teardown() {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`)
  await admin.end()
  await embedded?.stop()
}
