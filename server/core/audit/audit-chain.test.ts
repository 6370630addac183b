import { beforeEach, describe, expect, it } from 'vitest'
import { db } from '../db/index.ts'
import { clock, days } from '../clock.ts'
import { sm3Hex } from '../crypto.ts'
import { buildContext } from '../../test/factories.ts'
import { recordAudit } from './record-audit.ts'
import { verifyAuditChain } from './verify-audit-chain.ts'
import { canonicalJson, chainHash, GENESIS_HASH, normaliseJson } from './chain.ts'

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: 'test.event', objectId: String(i), details: { i, nested: { b: 1, a: [1, 2] } }, context: buildContext() }),
    )
  }
}

// Every test starts from an empty log (some tamper with it on purpose), behind the trigger's back.
beforeEach(async () => {
  await db().$transaction([
    db().$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"'),
    db().$executeRawUnsafe('DELETE FROM "AuditEvent"'),
    db().$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"'),
  ])
})

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

describe('SM3, the chain\'s hash (GB/T 32905-2016, appendix A)', () => {
  it('gives the standard\'s answers for "abc" and for the 64-byte "abcd"×16', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732')
  })
})

describe('audit details', () => {
  it('are normalised to what JSON stores: Dates as ISO strings, BigInts as decimals, undefined dropped, keys sorted', () => {
    const at = new Date('2026-12-03T08:00:00.000Z')
    const details = { z: 1, a: { when: at, big: 12345678901234567890n, gone: undefined, list: [at, undefined, 2n, { y: 1, b: 2 }] }, m: 'x' }
    const normal = normaliseJson(details)
    expect(normal).toEqual({ a: { big: '12345678901234567890', list: ['2026-12-03T08:00:00.000Z', null, '2', { b: 2, y: 1 }], when: '2026-12-03T08:00:00.000Z' }, m: 'x', z: 1 })
    expect(Object.keys(normal as object)).toEqual(['a', 'm', 'z'])
    // The normalised value is a fixed point: what comes back from storage hashes the same.
    expect(canonicalJson(JSON.parse(JSON.stringify(normal)))).toBe(canonicalJson(details))
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }))
    expect(canonicalJson({ a: at })).not.toBe(canonicalJson({ a: {} }))
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]))
    expect(normaliseJson({ n: Number.NaN, f: () => 1, d: new Date(Number.NaN) })).toEqual({ n: null, d: null })
  })

  it('with Dates, BigInts and undefined are stored as hashed, so the chain verifies from the database', async () => {
    const at = new Date('2026-12-03T08:00:00.000Z')
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: 'test.dates', details: { at, big: 7n, gone: undefined, nested: { b: [at], a: 1 } }, context: buildContext() }),
    )
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: 'test.dates' } })
    expect(row.details).toEqual({ at: at.toISOString(), big: '7', nested: { a: 1, b: [at.toISOString()] } })
    expect(await verifyAuditChain(db())).toMatchObject({ isIntact: true })
  })
})

describe('records written before details were normalised (hashVersion 0)', () => {
  // What recordAudit did before: hash the details as given (a Date hashes as {}), store their JSON.
  function oldCanonical(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
    if (Array.isArray(value)) return `[${value.map(oldCanonical).join(',')}]`
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${oldCanonical(v)}`).join(',')}}`
  }
  async function appendOld(details: Record<string, unknown>) {
    await db().$transaction(async (tx) => {
      const last = await tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } })
      const prevHash = last?.hash ?? GENESIS_HASH
      const row = { occurredAt: clock.now(), actorId: null, actorName: null, action: 'test.old', objectType: null, objectId: null, outcome: 'SUCCESS' as const, ip: null, requestId: null }
      const hash = sm3Hex(prevHash + oldCanonical({ ...row, occurredAt: row.occurredAt.toISOString(), details }))
      await tx.auditEvent.create({ data: { ...row, details: JSON.parse(JSON.stringify(details)), prevHash, hash, hashVersion: 0 } })
    })
  }

  it('verify under the rule they were written under, and tampering still shows', async () => {
    await appendOld({ i: 1 })
    await appendOld({ deputy: 'x', startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + days(1)), note: '2026-01-01T00:00:00.000Z' })
    await db().$transaction((tx) => recordAudit(tx, { actor: null, action: 'test.new', details: { at: clock.now() }, context: buildContext() }))
    expect(await verifyAuditChain(db())).toEqual({ isIntact: true, checked: 3 })

    const old = await db().auditEvent.findFirstOrThrow({ where: { action: 'test.old', details: { path: ['i'], equals: 1 } } })
    await db().$transaction([
      db().$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"'),
      db().$executeRawUnsafe(`UPDATE "AuditEvent" SET details = '{"i": 2}' WHERE id = ${old.id}`),
      db().$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"'),
    ])
    expect(await verifyAuditChain(db())).toMatchObject({ isIntact: false, brokenAt: { id: old.id.toString(), reason: 'hash_mismatch' } })
  })

  it('cannot be faked by relabelling a new record as old', async () => {
    await db().$transaction((tx) => recordAudit(tx, { actor: null, action: 'test.new', details: { a: 1 }, context: buildContext() }))
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: 'test.new' } })
    await db().$transaction([
      db().$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"'),
      db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "hashVersion" = 0 WHERE id = ${row.id}`),
      db().$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"'),
    ])
    expect(await verifyAuditChain(db())).toMatchObject({ isIntact: false, brokenAt: { reason: 'hash_mismatch' } })
  })
})

describe('appendAudit (a record of its own, one statement)', () => {
  it('keeps the chain intact when it races recordAudit transactions and itself', async () => {
    const { appendAudit } = await import('./append-audit.ts')
    const alone = (i: number) => appendAudit(db(), { actor: null, action: 'test.alone', objectId: String(i), details: i % 2 ? { i } : undefined, context: buildContext() })
    await alone(0)
    await Promise.all([...Array.from({ length: 12 }, (_, i) => alone(i + 1)), append(4), append(4)])
    const rows = await db().auditEvent.findMany({ orderBy: { id: 'asc' } })
    expect(rows).toHaveLength(21)
    expect(rows.find((r) => r.objectId === '0' && r.action === 'test.alone')!.details).toBeNull()
    expect(rows.find((r) => r.objectId === '1' && r.action === 'test.alone')!.details).toEqual({ i: 1 })
    expect(await verifyAuditChain(db())).toEqual({ isIntact: true, checked: 21 })
  })
})
