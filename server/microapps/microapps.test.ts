import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { registerClient } from '../oidc/index.ts'
import {
  appCsp, callBridge, grantConsent, installApp, manifestSchema, reviewVersion, revokeConsent,
  submitApp, uninstallApp, visibleApps, BRIDGE_CALLS_PER_MINUTE,
} from './index.ts'
import { appsRequestHandler, handleCodeExchange } from './hosting.ts'

afterEach(() => clock.reset())

const manifestFor = (unitId: string, overrides: Record<string, unknown> = {}) => ({
  id: `cn.gov.test.app${Math.random().toString(36).slice(2, 8)}`, name: '测试应用', description: '用于测试', icon: '测', version: '1.0.0',
  developerUnit: unitId, category: 'office', entry: { type: 'bundled', path: 'index.html' }, scopes: ['user.basic', 'notify.send'],
  networkOrigins: ['https://api.example.gov.cn'], platforms: { phone: true, desktop: true }, ...overrides,
})

async function world() {
  const tree = await buildTree()
  const platform = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['app.review', 'app.manage'], unit: tree.root }] }))
  const unitAdmin = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['app.manage'], unit: tree.dept }] }))
  const person = await actorFor(await buildPerson({ unit: tree.division, name: '赵一' }))
  const outsider = await actorFor(await buildPerson({ unit: tree.sibling, name: '钱二' }))
  return { tree, platform, unitAdmin, person, outsider }
}

async function listedApp(w: Awaited<ReturnType<typeof world>>, overrides: Record<string, unknown> = {}) {
  const { appId, versionId } = await submitApp(db(), w.unitAdmin, manifestFor(w.tree.dept.id, overrides), buildContext())
  await reviewVersion(db(), w.platform, versionId, { decision: 'approve' }, buildContext())
  await installApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id }, buildContext())
  return appId
}

describe('manifest', () => {
  it('refuses hostile network origins and entries with localized keys', () => {
    const bad = [
      { networkOrigins: ["https://x.cn; script-src 'unsafe-inline'"] },
      { networkOrigins: ['*'] },
      { networkOrigins: ['http://evil.example'] },
      { networkOrigins: ['https://a.cn/path'] },
      { entry: { type: 'url', url: 'javascript:alert(1)' } },
      { entry: { type: 'bundled', path: '../../etc/passwd.html' } },
      { entry: { type: 'bundled', path: '/abs.html' } },
      { scopes: ['root.everything'] },
      { name: '<script>' },
    ]
    for (const b of bad) expect(manifestSchema.safeParse(manifestFor('0198d2c4-0000-7000-8000-000000000000', b)).success, JSON.stringify(b)).toBe(false)
    const issue = manifestSchema.safeParse(manifestFor('0198d2c4-0000-7000-8000-000000000000', { networkOrigins: ['*'] })).error!.issues[0]!
    expect(issue.message).toBe('microapp_origin')
  })

  it('makes a CSP of the app’s own files and declared origins, sandboxed, framable only by the platform', () => {
    const m = manifestSchema.parse(manifestFor('0198d2c4-0000-7000-8000-000000000000'))
    const csp = appCsp(m, { platform: 'http://localhost:3000', apps: 'http://localhost:3002' })
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain('script-src http://localhost:3002;')
    expect(csp).toContain('connect-src https://api.example.gov.cn;')
    expect(csp).toContain('frame-ancestors http://localhost:3000')
    expect(csp).toContain('sandbox allow-scripts allow-forms')
    expect(csp).not.toContain('allow-same-origin')
  })
})

describe('store and bridge', () => {
  it('submission → review → listed → installed: the unit sees it on the workbench, other units do not', async () => {
    const w = await world()
    const { appId, versionId } = await submitApp(db(), w.unitAdmin, manifestFor(w.tree.dept.id), buildContext())
    await expectAppError(installApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id }, buildContext()), 'not_found')
    await expectAppError(reviewVersion(db(), w.unitAdmin, versionId, { decision: 'approve' }, buildContext()), 'not_found')
    await expectAppError(reviewVersion(db(), w.platform, versionId, { decision: 'reject' }, buildContext()), 'microapp.reason_required')
    await reviewVersion(db(), w.platform, versionId, { decision: 'approve' }, buildContext())
    await expectAppError(installApp(db(), w.unitAdmin, { appId, unitId: w.tree.sibling.id }, buildContext()), 'not_found')
    await installApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id }, buildContext())
    expect((await visibleApps(db(), w.person.personId)).map((a) => a.appId)).toEqual([appId])
    expect(await visibleApps(db(), w.outsider.personId)).toEqual([])
  })

  it('a manifest reaching the platform’s origin is refused at review', async () => {
    const w = await world()
    const { versionId } = await submitApp(db(), w.unitAdmin, manifestFor(w.tree.dept.id, { entry: { type: 'url', url: 'http://localhost:3000/api/inbox' } }), buildContext())
    await expectAppError(reviewVersion(db(), w.platform, versionId, { decision: 'approve' }, buildContext()), 'microapp.manifest_refused')
  })

  it('checks installation, scope, consent, the person’s own right and the budget on every call; revoking takes effect at the next call', async () => {
    const w = await world()
    const appId = await listedApp(w)
    await expectAppError(callBridge(db(), w.outsider, { appId, api: 'getLoginUser', params: {} }, buildContext()), 'not_found')
    await expectAppError(callBridge(db(), w.person, { appId, api: 'chooseContact', params: { personIds: [] } }, buildContext()), 'microapp.scope_not_granted')
    await expectAppError(callBridge(db(), w.person, { appId, api: 'getLoginUser', params: {} }, buildContext()), 'microapp.consent_required')
    await grantConsent(db(), w.person, { appId, scope: 'user.basic' }, buildContext())
    expect(await callBridge(db(), w.person, { appId, api: 'getLoginUser', params: {} }, buildContext())).toMatchObject({ userId: w.person.personId, name: '赵一' })
    await grantConsent(db(), w.person, { appId, scope: 'notify.send' }, buildContext())
    expect(await callBridge(db(), w.person, { appId, api: 'notify', params: { title: '报餐提醒' } }, buildContext())).toEqual({ sent: 1 })
    expect(await db().inboxItem.findFirst({ where: { personId: w.person.personId, module: 'microapps' } })).toMatchObject({ kind: 'TO_READ', source: '测试应用', title: '报餐提醒' })
    // Telling someone else needs the person's own notice.send over them.
    await expectAppError(callBridge(db(), w.person, { appId, api: 'notify', params: { title: 'x', personIds: [w.outsider.personId] } }, buildContext()), 'microapp.not_your_right')
    await revokeConsent(db(), w.person, { appId, scope: 'user.basic' }, buildContext())
    await expectAppError(callBridge(db(), w.person, { appId, api: 'getLoginUser', params: {} }, buildContext()), 'microapp.consent_required')
    await uninstallApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id }, buildContext())
    await expectAppError(callBridge(db(), w.person, { appId, api: 'notify', params: { title: 'y' } }, buildContext()), 'not_found')
    const audited = await db().auditEvent.findMany({ where: { action: 'microapp.bridge', actorId: w.person.personId }, orderBy: { id: 'asc' } })
    expect(audited.map((a) => (a.details as { api: string; result: string }).result)).toEqual(['microapp.scope_not_granted', 'microapp.consent_required', 'ok', 'ok', 'microapp.not_your_right', 'microapp.consent_required'])
  })

  it('unit pre-approval replaces per-person consent; a flood is cut off by the budget', async () => {
    const w = await world()
    const appId = await listedApp(w)
    await installApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id, preApprovedScopes: ['user.basic'] }, buildContext())
    let refused = 0
    for (let i = 0; i < BRIDGE_CALLS_PER_MINUTE + 5; i++) {
      await callBridge(db(), w.person, { appId, api: 'setBadge', params: { count: i } }, buildContext()).catch((e) => { if (e.code === 'rate_limited') refused++; else throw e })
    }
    expect(refused).toBe(5)
    clock.advance(minutes(1))
    expect(await callBridge(db(), w.person, { appId, api: 'getLoginUser', params: {} }, buildContext())).toMatchObject({ name: '赵一' })
  })

  it('getAuthCode gives a one-time code its back end exchanges with its client secret, once, within two minutes', async () => {
    const w = await world()
    const client = await registerClient(db(), w.unitAdmin, { name: '测试后端', unitId: w.tree.dept.id, redirectUris: ['https://app.example.gov.cn/cb'], postLogoutRedirectUris: [], scopes: ['profile'] }, buildContext())
    const appId = await listedApp(w, { clientId: client.clientId })
    await installApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id, preApprovedScopes: ['user.basic'] }, buildContext())
    await expectAppError(callBridge(db(), w.person, { appId, api: 'getAuthCode', params: { clientId: 'xt-other' } }, buildContext()), 'microapp.wrong_client')
    const server = http.createServer((req, res) => void handleCodeExchange(db(), req, res))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oidc/app-code`
    const exchange = (code: string, secret = client.clientSecret) => fetch(url, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${code}` })
    try {
      const { code } = (await callBridge(db(), w.person, { appId, api: 'getAuthCode', params: { clientId: client.clientId } }, buildContext())) as { code: string }
      expect((await exchange(code, 'wrong')).status).toBe(401)
      const first = await exchange(code)
      expect(first.status).toBe(200)
      expect(await first.json()).toMatchObject({ sub: w.person.personId, name: '赵一', appId })
      expect((await exchange(code)).status).toBe(400)
      const late = (await callBridge(db(), w.person, { appId, api: 'getAuthCode', params: { clientId: client.clientId } }, buildContext())) as { code: string }
      clock.advance(minutes(2) + 1000)
      expect((await exchange(late.code)).status).toBe(400)
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})

describe('the apps origin', () => {
  let server: http.Server
  let base: string
  beforeAll(async () => {
    server = http.createServer(appsRequestHandler(db()))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('serves the SDK, and a bundled app only while listed, with its CSP; nothing outside the bundle', async () => {
    const sdk = await fetch(`${base}/sdk.js`)
    expect(sdk.status).toBe(200)
    expect(await sdk.text()).toContain('getAuthCode')
    expect((await fetch(`${base}/cn.gov.taihe.canteen/index.html`)).status).toBe(404)
    const w = await world()
    const m = manifestSchema.parse({ ...JSON.parse((await import('node:fs')).readFileSync(new URL('../../plugins/canteen/manifest.json', import.meta.url), 'utf8')), developerUnit: w.tree.dept.id })
    const { versionId } = await submitApp(db(), w.unitAdmin, m, buildContext())
    await reviewVersion(db(), w.platform, versionId, { decision: 'approve' }, buildContext())
    const page = await fetch(`${base}/cn.gov.taihe.canteen/index.html`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain('sandbox allow-scripts allow-forms')
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src \S+\/svc\/cn\.gov\.taihe\.canteen\//)
    expect((await fetch(`${base}/cn.gov.taihe.canteen/server.ts`)).status).toBe(404)
    expect((await fetch(`${base}/cn.gov.taihe.canteen/..%2Fsdk%2Fpackage.json`)).status).toBe(404)
  })
})
