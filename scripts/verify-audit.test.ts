import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { db } from '../server/core/db/index.ts'
import { clock, days } from '../server/core/clock.ts'
import { createDelegation } from '../server/documents/index.ts'
import { actorFor, buildContext, buildPerson, buildUnit } from '../server/test/factories.ts'

const run = promisify(execFile)
const script = path.resolve(import.meta.dirname, 'verify-audit.ts')

/** `npm run audit:verify` itself, on this test file's database. */
function verifyAudit() {
  return run(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, LOG_LEVEL: 'warn' } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )
}

describe('npm run audit:verify', () => {
  it('passes after an ordinary user creates a delegation (its audit details hold Dates)', async () => {
    const unit = await buildUnit()
    const person = await buildPerson({ unit })
    const deputy = await buildPerson({ unit })
    await createDelegation(db(), await actorFor(person), { deputyId: deputy.id, startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + days(2)) }, buildContext())
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: 'document.delegate' } })
    expect(row.details).toMatchObject({ startsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
    const result = await verifyAudit()
    expect(result.out).toMatch(/Audit chain intact: \d+ records verified/)
    expect(result.code).toBe(0)
  })
})
