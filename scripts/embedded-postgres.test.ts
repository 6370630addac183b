import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, StartupError } from './embedded-postgres.ts'

// The launcher's database handling, with real PostgreSQL processes: a platform killed with SIGKILL
// must not block the next start, a running one must not be disturbed, and a taken port is explained.
// Not under the system temp folder: as root, initdb runs as a postgres user that cannot enter a 0700 mkdtemp.
const dataDir = path.resolve('.data', `embedded-test-${process.pid}`, 'postgres')
const port = 54400 + Math.floor(Math.random() * 500)

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const code = `const { startEmbeddedPostgres } = await import(${JSON.stringify(path.resolve('scripts/embedded-postgres.ts'))});
    const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: 'xietong', log: () => {} });
    console.log('URL ' + db.url); setInterval(() => {}, 1000);`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /URL (\S+)/.exec(chunk.toString())
      if (match) resolve({ child, url: match[1]! })
    })
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)))
  })
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }))

describe('embedded PostgreSQL', () => {
  it('refuses a second platform on the same data, and recovers after the first is killed with SIGKILL', async () => {
    const { child, url } = await startChild()
    await query(url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)')
    await expect(startEmbeddedPostgres({ dataDir, port, database: 'xietong', log: () => {} })).rejects.toThrow(/already running/)
    expect((await query(url, 'SELECT n FROM kept'))[0]).toEqual({ n: 42 })

    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    // The orphaned postgres still serves the data; the next start stops it and takes over.
    const logs: string[] = []
    const again = await startEmbeddedPostgres({ dataDir, port, database: 'xietong', log: (m) => logs.push(m) })
    try {
      expect(logs.join('\n')).toMatch(/left running/)
      expect((await query(again.url, 'SELECT n FROM kept'))[0]).toEqual({ n: 42 })
    } finally {
      await again.stop()
    }
  }, 60_000)

  it('says which port is taken instead of failing obscurely', async () => {
    const blocker = net.createServer().listen(port, '127.0.0.1')
    await new Promise((r) => blocker.once('listening', r))
    try {
      const error = await startEmbeddedPostgres({ dataDir, port, database: 'xietong', log: () => {} }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StartupError)
      expect((error as Error).message).toMatch(new RegExp(`Port ${port} is already in use`))
    } finally {
      blocker.close()
    }
  })
})
