/**
 * Appoint an administrator (三员分立): nobody in the interface may grant another duty's role, so the
 * operator does it on the server. Audited with the system as actor and the operator named.
 *   npm run admin:appoint -- <account> <system-admin|security-admin|auditor> [--unit <id | /id/…/ | 名称/路径>] [--no-subunits] [--revoke]
 * Without --unit the scope is the root unit (with every unit below it). --revoke dismisses instead.
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { withPlatformDatabase } from './embedded-postgres.ts'

const usage = 'npm run admin:appoint -- <account> <system-admin|security-admin|auditor> [--unit <id | path>] [--no-subunits] [--revoke]'
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { unit: { type: 'string' }, 'no-subunits': { type: 'boolean' }, revoke: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
})
const [account, role] = positionals
if (values.help || !account || !role || positionals.length > 2) {
  console.error(`Usage: ${usage}`)
  process.exit(values.help ? 0 : 2)
}

function explain(code: string, params: Record<string, unknown>): string {
  const root = path.resolve(import.meta.dirname, '..')
  const messages = ['zh-CN', 'en'].map((locale) => {
    const all = JSON.parse(readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, unknown>
    const text = `errors.${code}`.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown> | undefined)?.[k], all)
    return typeof text === 'string' ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : code
  })
  return `${messages.join(' / ')} (${code})`
}

let failed = false
await withPlatformDatabase(async (url) => {
  process.env.DATABASE_URL = url
  const { db, disconnectDb } = await import('../server/core/db/index.ts')
  const { isAppError } = await import('../server/core/errors.ts')
  const { systemContext } = await import('../server/core/request-context.ts')
  const { appointAdministrator } = await import('../server/access/index.ts')
  const operator = process.env.SUDO_USER || os.userInfo().username
  try {
    const grant = await appointAdministrator(db(), {
      account, role, unit: values.unit, includesSubunits: !values['no-subunits'], revoke: values.revoke, operator,
    }, { ...systemContext, requestId: `cli-${crypto.randomUUID()}`, userAgent: 'admin:appoint' })
    console.log(`${values.revoke ? 'Dismissed' : 'Appointed'} ${account} as ${role} (unit ${grant.unitId}${grant.includesSubunits ? ' and below' : ''}), by ${operator}.`)
  } catch (error) {
    if (!isAppError(error)) throw error
    const hint = error.code === 'validation' ? ' — several root units (or none): name the unit with --unit.' : error.code === 'not_found' ? ' — no such account, role or unit.' : ''
    console.error(explain(error.code, error.params) + hint)
    failed = true
  } finally {
    await disconnectDb()
  }
})
// Explicit: an open handle must not turn a refusal into success.
process.exit(failed ? 1 : 0)
