import { createHash, randomUUID } from 'node:crypto'
import { cp, mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import * as Y from 'yjs'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, db, type Db } from '../core/db/index.ts'
import { verifyAuditChain } from '../core/audit/index.ts'
import { appendUpdate, BODY_FRAGMENT, bodySchema, loadStoredDocument } from '../coediting/index.ts'
import { bodyDocName, createDocument, renderDocument } from '../documents/index.ts'
import { seedDemo } from '../platform/index.ts'
import { actorFor, buildContext } from '../test/factories.ts'
import { BackupDamagedError, createBackup, dumpRefusal, DatabaseNotEmptyError, pruneBackups, restoreBackup, runScheduledBackup, verifyBackup } from './index.ts'

// The drill: seed the demo city, add co-edited bodies and rendered PDFs, back up, restore into a new
// database, and compare. Real pg_dump / pg_restore (the machine's, PostgreSQL 15 like the server).
const adminUrl = new URL(process.env.DATABASE_URL!)
// The embedded PostgreSQL (18) ships no pg_dump and the machine's pg_dump (15) refuses a newer server:
// on that run the drill is skipped with the reason; CI's second run, on the machine's PostgreSQL 15, does it.
const refusal = await (async () => {
  const client = new pg.Client({ connectionString: adminUrl.toString() })
  await client.connect()
  try {
    return await dumpRefusal((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version)
  } finally {
    await client.end()
  }
})()
if (refusal) console.warn(`backup drill skipped: ${refusal}`)
const created: string[] = []
const others: Db[] = []

async function newDatabase(): Promise<string> {
  const name = `xt_restore_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  const client = new pg.Client({ connectionString: adminUrl.toString() })
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  created.push(name)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

afterAll(async () => {
  for (const d of others) await d.$disconnect()
  const client = new pg.Client({ connectionString: adminUrl.toString() })
  await client.connect()
  for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await client.end()
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe.skipIf(!!refusal)('backup and restore drill', () => {
  it('seed, back up, restore into an empty database: audit chain intact, documents, PDFs and co-edited bodies identical', async () => {
    expect(await seedDemo(db())).toBe('seeded')
    // A sample of documents gets a co-edited body (as the editor stores it) and a rendered PDF.
    // The demo's clerk drafts four documents (the demo city has none).
    const clerk = await db().person.findUniqueOrThrow({ where: { account: 'clerk' }, include: { posts: { where: { isPrimary: true } } } })
    for (let i = 0; i < 4; i++) {
      await createDocument(db(), await actorFor(clerk), { kind: 'NOTICE', title: `关于做好第${i + 1}批防汛物资储备工作的通知`, mainRecipients: '各县（区）人民政府', unitId: clerk.posts[0]!.unitId }, buildContext())
    }
    const sample = await db().document.findMany({ take: 4, orderBy: { createdAt: 'asc' }, include: { createdBy: true } })
    expect(sample.length).toBe(4)
    for (const [i, doc] of sample.entries()) {
      const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `第${i + 1}份：请各单位于本周五前报送防汛物资储备情况。` }] }] }
      const update = Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(bodySchema(), body, BODY_FRAGMENT))
      await db().$transaction((tx) => appendUpdate(tx, { docName: bodyDocName(doc.id), update, personId: doc.createdById }))
      const { pdf } = await renderDocument(db(), await actorFor(doc.createdBy), doc.id)
      await db().documentRendition.create({ data: { documentId: doc.id, kind: 'SIGNED_OFF', pdf: Uint8Array.from(pdf), sm3: 'drill', createdById: doc.createdById } })
    }
    const before = await verifyAuditChain(db())
    expect(before.isIntact).toBe(true)

    const dir = await mkdtemp(path.join(tmpdir(), 'xietong-backup-'))
    const backup = await createBackup({ databaseUrl: process.env.DATABASE_URL!, dir })
    expect(path.basename(backup.dir)).toMatch(/^xietong-\d{8}T\d{6}Z$/)
    expect((await readdir(backup.dir)).sort()).toEqual(['SHA256SUMS', 'database.dump', 'manifest.json'])
    expect(backup.manifest.database.migrations).toBeGreaterThan(10)
    // The checksum file is sha256sum's format, and the dump's sum is its bytes'.
    const dumpSum = sha(await readFile(path.join(backup.dir, 'database.dump')))
    expect(await readFile(path.join(backup.dir, 'SHA256SUMS'), 'utf8')).toContain(`${dumpSum}  database.dump\n`)

    const target = await newDatabase()
    const restored = createDb(target, 2)
    others.push(restored)
    await restoreBackup({ dir: backup.dir, databaseUrl: target })

    const after = await verifyAuditChain(restored)
    expect(after).toEqual(before)
    expect(after.checked).toBeGreaterThan(0)
    for (const doc of sample) {
      const [a, b] = await Promise.all([db(), restored].map((d) => d.document.findUniqueOrThrow({ where: { id: doc.id } })))
      expect(b).toEqual(a)
      const renditions = (d: Db) => d.documentRendition.findMany({ where: { documentId: doc.id }, orderBy: { id: 'asc' } })
      const ra = await renditions(db())
      const rb = await renditions(restored)
      expect(rb.map((r) => sha(r.pdf))).toEqual(ra.map((r) => sha(r.pdf)))
      expect(rb.length).toBe(1)
      const ba = await loadStoredDocument(db(), bodyDocName(doc.id))
      const bb = await loadStoredDocument(restored, bodyDocName(doc.id))
      expect(bb.doc.getXmlFragment(BODY_FRAGMENT).toString()).toBe(ba.doc.getXmlFragment(BODY_FRAGMENT).toString())
      expect(bb.doc.getXmlFragment(BODY_FRAGMENT).toString()).toContain('防汛物资')
      expect(sha(Y.encodeStateAsUpdate(bb.doc))).toBe(sha(Y.encodeStateAsUpdate(ba.doc)))
    }
    for (const table of ['Person', 'Unit', 'Document', 'AuditEvent', 'InboxItem', 'RealtimeUpdate', 'DocumentRendition']) {
      const count = async (d: Db) => Number((await d.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n)
      expect(await count(restored), table).toBe(await count(db()))
    }

    // Restoring again: the database is no longer empty, so it is refused and left as it was.
    await expect(restoreBackup({ dir: backup.dir, databaseUrl: target })).rejects.toBeInstanceOf(DatabaseNotEmptyError)
    expect(await restored.document.count()).toBe(await db().document.count())

    // A damaged dump (one byte changed) is refused before anything is restored.
    const damaged = path.join(dir, 'damaged')
    await cp(backup.dir, damaged, { recursive: true })
    const bytes = await readFile(path.join(damaged, 'database.dump'))
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = bytes[middle]! ^ 0xff
    await writeFile(path.join(damaged, 'database.dump'), bytes)
    await expect(verifyBackup(damaged)).rejects.toBeInstanceOf(BackupDamagedError)
    const untouched = await newDatabase()
    await expect(restoreBackup({ dir: damaged, databaseUrl: untouched })).rejects.toThrow(/does not match its checksum/)
    const check = createDb(untouched, 1)
    others.push(check)
    expect(Number((await check.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`))[0]!.n)).toBe(0)
  }, 120_000)

  it('the scheduled backup writes to BACKUP_DIR and keeps BACKUP_KEEP; without BACKUP_DIR it does nothing', async () => {
    expect(await runScheduledBackup({})).toBeNull()
    const dir = await mkdtemp(path.join(tmpdir(), 'xietong-keep-'))
    // Three older backups and one a crash left half-written a day ago.
    for (const name of ['xietong-20260101T000000Z', 'xietong-20260102T000000Z', 'xietong-20260103T000000Z']) await mkdir(path.join(dir, name))
    await mkdir(path.join(dir, 'xietong-20260104T000000Z.partial'))
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000)
    await utimes(path.join(dir, 'xietong-20260104T000000Z.partial'), dayAgo, dayAgo)
    await mkdir(path.join(dir, 'unrelated'))
    const result = await runScheduledBackup({ BACKUP_DIR: dir, BACKUP_KEEP: '2' })
    expect(result).not.toBeNull()
    const left = (await readdir(dir)).sort()
    expect(left).toEqual(['unrelated', 'xietong-20260103T000000Z', path.basename(result!.dir)].sort())
    await verifyBackup(result!.dir)
    await expect(pruneBackups(dir, 0)).rejects.toThrow(/at least 1/)
  }, 60_000)
})
