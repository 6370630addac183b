import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { hasPermission } from '../core/authz/index.ts'
import { systemContext } from '../core/request-context.ts'
import { ensureSystemRoles } from '../platform/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildPerson, buildTree } from '../test/factories.ts'
import { appointAdministrator } from './index.ts'

const root = path.resolve(import.meta.dirname, '../..')

describe('appointing administrators (an operator act)', () => {
  it('appoints, keeps the duties apart, names units by id or by path, dismisses, and audits it as the operator', async () => {
    await ensureSystemRoles(db())
    const { root: city, dept } = await buildTree()
    const person = await buildPerson({ unit: dept })
    const grant = await appointAdministrator(db(), { account: person.account, role: 'auditor', unit: city.id, operator: 'ops' }, systemContext)
    expect(grant).toMatchObject({ personId: person.id, unitId: city.id, includesSubunits: true })
    expect(hasPermission(await actorFor(person), 'audit.view', { unitPath: dept.path })).toBe(true)
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'role.appoint', objectId: person.id } })
    expect(event).toMatchObject({ actorId: null, actorName: null })
    expect(event.details).toMatchObject({ operator: 'ops', role: 'auditor', unitId: city.id, person: { account: person.account } })

    await expectAppError(appointAdministrator(db(), { account: person.account, role: 'security-admin', unit: city.id, operator: 'ops' }, systemContext), 'access.duties_conflict')
    await expectAppError(appointAdministrator(db(), { account: 'nobody-here', role: 'auditor', unit: city.id, operator: 'ops' }, systemContext), 'not_found')
    await expectAppError(appointAdministrator(db(), { account: person.account, role: 'no-such-role', unit: city.id, operator: 'ops' }, systemContext), 'not_found')

    // By the unit's path of names, as the import and export write it.
    const other = await buildPerson({ unit: dept })
    const byPath = await appointAdministrator(db(), { account: other.account, role: 'security-admin', unit: `${city.name}/${dept.name}`, operator: 'ops' }, systemContext)
    expect(byPath.unitId).toBe(dept.id)

    await appointAdministrator(db(), { account: person.account, role: 'auditor', unit: city.id, operator: 'ops', revoke: true }, systemContext)
    expect(await db().roleGrant.count({ where: { personId: person.id } })).toBe(0)
    expect(await db().auditEvent.count({ where: { action: 'role.dismiss', objectId: person.id, actorId: null } })).toBe(1)
  })

  it('npm run admin:appoint runs it from the command line', async () => {
    await ensureSystemRoles(db())
    const { root: city } = await buildTree()
    const person = await buildPerson({ unit: city })
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/appoint-admin.ts', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent' } })
    const { stdout } = await run([person.account, 'system-admin', '--unit', city.id])
    expect(stdout).toContain(person.account)
    expect(hasPermission(await actorFor(person), 'unit.manage', { unitPath: city.path })).toBe(true)
    const refused = await run([person.account, 'auditor', '--unit', city.id]).then((r) => ({ code: 0, ...r }), (e: { code: number; stderr: string }) => e)
    expect(refused?.code).toBe(1)
    expect(refused?.stderr).toMatch(/三员|duties/)
  })
})
