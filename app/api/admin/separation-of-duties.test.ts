/**
 * 三员分立 through the real routes, as the issue reproduced it: the security administrator granting
 * itself the auditor's role, the system administrator resetting the auditor's password.
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/server/core/db/index.ts'
import { ensureSystemRoles } from '@/server/platform/index.ts'
import { buildPerson, buildTree, TEST_PASSWORD } from '@/server/test/factories.ts'
import { POST as signInRoute } from '../auth/sign-in/route.ts'
import { POST as grantRoute } from './grants/route.ts'
import { PATCH as updateRoleRoute } from './roles/[id]/route.ts'
import { POST as copyRoleRoute } from './roles/[id]/copy/route.ts'
import { POST as passwordRoute } from './people/[id]/password/route.ts'

const ORIGIN = 'http://localhost:3000'
let ipCounter = 0

function request(path: string, init: { method?: string; body?: unknown; cookie?: string; csrf?: string } = {}) {
  const headers = new Headers({ host: 'localhost:3000', origin: ORIGIN, 'x-client-ip': `10.77.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}` })
  if (init.cookie) headers.set('cookie', init.cookie)
  if (init.csrf) headers.set('x-csrf-token', init.csrf)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
}
const params = (id?: string) => ({ params: Promise.resolve<Record<string, string>>(id ? { id } : {}) })

async function signInAs(login: string) {
  const response = await signInRoute(request('/api/auth/sign-in', { method: 'POST', body: { login, password: TEST_PASSWORD } }), params())
  expect(response.status).toBe(200)
  const pairs = response.headers.getSetCookie().map((c) => c.split(';')[0]!)
  return { cookie: pairs.join('; '), csrf: pairs.find((p) => p.startsWith('xt_csrf='))!.slice(8) }
}

describe('separation of duties over HTTP', () => {
  it('the security administrator cannot grant itself the auditor’s role, nor the auditor’s role to anyone, nor edit a built-in role', async () => {
    const roles = await ensureSystemRoles(db())
    const { root, dept } = await buildTree()
    const secadmin = await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] })
    const session = await signInAs(secadmin.account)
    const grant = (personId: string, roleId: string) =>
      grantRoute(request('/api/admin/grants', { method: 'POST', ...session, body: { personId, roleId, unitId: root.id, includesSubunits: true } }), params())

    const self = await grant(secadmin.id, roles.get('auditor')!)
    expect(self.status).toBe(403)
    expect((await self.json()).error).toMatchObject({ code: 'access.self_grant', message: '不能给自己授予角色，也不能扩大自己持有的角色的权限。' })
    const other = await grant((await buildPerson({ unit: dept })).id, roles.get('auditor')!)
    expect(other.status).toBe(403)
    expect((await other.json()).error).toMatchObject({ code: 'access.not_held', message: '您不能授予自己在该范围内不具备的管理权限：audit.view。' })
    const edit = await updateRoleRoute(request(`/api/admin/roles/${roles.get('security-admin')}`, {
      method: 'PATCH', ...session, body: { name: '安全管理员', nameEn: 'Security administrator', permissions: ['role.manage', 'security.manage', 'audit.view'], requiresTotp: false },
    }), params(roles.get('security-admin')))
    expect(edit.status).toBe(409)
    expect((await edit.json()).error.code).toBe('access.system_role')
    const copy = await copyRoleRoute(request(`/api/admin/roles/${roles.get('notice-sender')}/copy`, { method: 'POST', ...session }), params(roles.get('notice-sender')))
    expect(copy.status).toBe(200)
    expect((await copy.json()).role).toMatchObject({ name: '通知发布员（副本）', isSystem: false })
    expect(await db().auditEvent.count({ where: { actorId: secadmin.id, action: 'role.grant' } })).toBe(0)
  })

  it('parallel grant requests of two duties to one person: one is granted, the others refused', async () => {
    const roles = await ensureSystemRoles(db())
    const { root } = await buildTree()
    const all = ['unit.manage', 'person.manage', 'directory.import', 'directory.export', 'mail.manage', 'workflow.manage', 'seal.manage', 'app.manage', 'app.review', 'role.manage', 'security.manage', 'audit.view'] as const
    const sessions = await Promise.all([1, 2, 3].map(async () => signInAs((await buildPerson({ unit: root, grants: [{ permissions: [...all], unit: root }] })).account)))
    const person = await buildPerson({ unit: root })
    const responses = await Promise.all(['auditor', 'system-admin', 'security-admin'].map((key, i) =>
      grantRoute(request('/api/admin/grants', { method: 'POST', ...sessions[i]!, body: { personId: person.id, roleId: roles.get(key), unitId: root.id, includesSubunits: true } }), params())))
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409])
    expect(await db().roleGrant.count({ where: { personId: person.id } })).toBe(1)
  })

  it('the system administrator cannot reset the auditor’s password; the security administrator can', async () => {
    const { root, dept } = await buildTree()
    const system = await signInAs((await buildPerson({ unit: root, grants: [{ permissions: ['person.manage', 'unit.manage'], unit: root }] })).account)
    const security = await signInAs((await buildPerson({ unit: root, grants: [{ permissions: ['security.manage', 'role.manage'], unit: root }] })).account)
    const auditor = await buildPerson({ unit: dept, grants: [{ permissions: ['audit.view'], unit: root }] })
    const reset = (session: { cookie: string; csrf: string }) =>
      passwordRoute(request(`/api/admin/people/${auditor.id}/password`, { method: 'POST', ...session, body: { temporaryPassword: 'Temporary-Pass-9' } }), params(auditor.id))
    const refused = await reset(system)
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.code).toBe('directory.privileged_account')
    expect((await reset(security)).status).toBe(200)
  })
})
