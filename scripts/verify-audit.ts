/**
 * Verify the audit log's SM3 hash chain from the first record to the last.
 *   npm run audit:verify        exit 0 when intact; 1 with the first broken record otherwise
 */
import { withPlatformDatabase } from './embedded-postgres.ts'

await withPlatformDatabase(async (url) => {
  process.env.DATABASE_URL = url
  const { db, disconnectDb } = await import('../server/core/db/index.ts')
  const { verifyAuditChain } = await import('../server/core/audit/index.ts')
  const started = performance.now()
  const verdict = await verifyAuditChain(db())
  const ms = Math.round(performance.now() - started)
  await disconnectDb()
  if (verdict.isIntact) {
    console.log(`Audit chain intact: ${verdict.checked} records verified in ${ms} ms.`)
  } else {
    const b = verdict.brokenAt
    console.error(`Audit chain BROKEN at record ${b.id} (${b.action}, ${b.occurredAt.toISOString()}): ${b.reason}. ${verdict.checked} records before it are intact.`)
    process.exitCode = 1
  }
})
