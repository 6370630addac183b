import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, inject } from 'vitest'
import { clock } from '../server/core/clock.ts'
import { disconnectDb } from '../server/core/db/index.ts'

const adminUrl = inject('adminUrl')
const templateDb = inject('templateDb')
const name = `xt_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

// Cloning needs the template to itself: test files starting together take turns.
await admin(async (c) => {
  await c.query('SELECT pg_advisory_lock(5826)')
  try {
    await c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb}"`)
  } finally {
    await c.query('SELECT pg_advisory_unlock(5826)')
  }
})
const url = new URL(adminUrl)
url.pathname = `/${name}`
process.env.DATABASE_URL = url.toString()

afterEach(() => clock.reset())

afterAll(async () => {
  await disconnectDb()
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
})
