import { describe, expect, it } from 'vitest'
import { db } from '../db/index.ts'
import { buildContext } from '../../test/factories.ts'
import { recordAudit } from './record-audit.ts'
import { verifyAuditChain } from './verify-audit-chain.ts'
import { chainHash, GENESIS_HASH } from './chain.ts'

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: 'test.event', objectId: String(i), details: { i, nested: { b: 1, a: [1, 2] } }, context: buildContext() }),
    )
  }
}

describe('audit chain', () => {
  it('links every record to the previous one by SM3 and verifies intact', async () => {
    await append(5)
    const rows = await db().auditEvent.findMany({ orderBy: { id: 'asc' } })
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH)
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash)
    expect(rows[0]!.hash).toBe(chainHash(GENESIS_HASH, rows[0]!))
    expect(await verifyAuditChain(db(), 2)).toEqual({ isIntact: true, checked: 5 })
  })

  it('stays one chain under concurrent appends', async () => {
    const before = await db().auditEvent.count()
    await Promise.all(Array.from({ length: 8 }, () => append(3)))
    expect(await verifyAuditChain(db())).toEqual({ isIntact: true, checked: before + 24 })
  })

  it('cannot be updated, deleted or truncated by the application', async () => {
    await append(1)
    await expect(db().auditEvent.updateMany({ data: { action: 'forged' } })).rejects.toThrow(/append-only/)
    await expect(db().auditEvent.deleteMany({})).rejects.toThrow(/append-only/)
    await expect(db().$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/)
  })

  it('reports the first broken link after tampering below the application', async () => {
    await append(6)
    const rows = await db().auditEvent.findMany({ orderBy: { id: 'asc' } })
    const victim = rows[3]!
    // Someone with database superuser rights edits a row behind the trigger's back.
    await db().$transaction([
      db().$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"'),
      db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "objectId" = 'forged' WHERE id = ${victim.id}`),
      db().$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"'),
    ])
    const verdict = await verifyAuditChain(db())
    expect(verdict).toMatchObject({ isIntact: false, checked: 3, brokenAt: { id: victim.id.toString(), reason: 'hash_mismatch' } })
  })
})
