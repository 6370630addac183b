/**
 * The API wrapper, exercised through real route handlers with Web Requests (no server needed):
 * origin and CSRF checks, session gates, route permissions, validation, localised errors.
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/server/core/db/index.ts'
import { buildPerson, buildUnit, TEST_PASSWORD } from '@/server/test/factories.ts'
import { POST as signInRoute } from '../api/auth/sign-in/route.ts'
import { POST as changePasswordRoute } from '../api/auth/password/route.ts'
import { GET as searchRoute } from '../api/directory/people/route.ts'
import { GET as personRoute } from '../api/directory/people/[id]/route.ts'
import { POST as createUnitRoute } from '../api/admin/units/route.ts'
import { POST as localeRoute } from '../api/locale/route.ts'

const ORIGIN = 'http://localhost:3000'
const noParams = { params: Promise.resolve({}) }

function request(path: string, init: { method?: string; body?: unknown; cookie?: string; csrf?: string; origin?: string | null } = {}) {
  const headers = new Headers({ host: 'localhost:3000', 'x-client-ip': '10.9.9.9' })
  if (init.origin !== null) headers.set('origin', init.origin ?? ORIGIN)
  if (init.cookie) headers.set('cookie', init.cookie)
  if (init.csrf) headers.set('x-csrf-token', init.csrf)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
}

async function signInAs(login: string, password = TEST_PASSWORD) {
  const response = await signInRoute(request('/api/auth/sign-in', { method: 'POST', body: { login, password } }), noParams)
  expect(response.status).toBe(200)
  const cookies = response.headers.getSetCookie()
  const pairs = cookies.map((c) => c.split(';')[0]!)
  return { cookie: pairs.join('; '), csrf: pairs.find((p) => p.startsWith('xt_csrf='))!.slice(8), raw: cookies }
}

describe('API wrapper', () => {
  it('sets an httpOnly, SameSite session cookie and a readable CSRF cookie at sign-in', async () => {
    const person = await buildPerson()
    const { raw } = await signInAs(person.account)
    expect(raw.find((c) => c.startsWith('xt_session='))).toMatch(/HttpOnly/)
    expect(raw.find((c) => c.startsWith('xt_session='))).toMatch(/SameSite=Lax/)
    expect(raw.find((c) => c.startsWith('xt_csrf='))).not.toMatch(/HttpOnly/)
  })

  it('refuses cross-origin mutations, even sign-in', async () => {
    const person = await buildPerson()
    for (const origin of [null, 'https://evil.example']) {
      const response = await signInRoute(request('/api/auth/sign-in', { method: 'POST', body: { login: person.account, password: TEST_PASSWORD }, origin }), noParams)
      expect(response.status).toBe(403)
      expect((await response.json()).error.code).toBe('auth.csrf')
    }
  })

  it('answers 401 without a session, in the person’s language', async () => {
    const zh = await searchRoute(request('/api/directory/people?q=a'), noParams)
    expect(zh.status).toBe(401)
    expect((await zh.json()).error).toMatchObject({ code: 'auth.required', message: '请先登录。' })
    const en = await searchRoute(request('/api/directory/people?q=a', { cookie: 'NEXT_LOCALE=en' }), noParams)
    expect((await en.json()).error.message).toBe('Please sign in.')
  })

  it('needs the CSRF token on mutations, then the route permission, then the object policy', async () => {
    const unit = await buildUnit()
    const clerk = await buildPerson({ unit })
    const session = await signInAs(clerk.account)
    const body = { parentId: unit.id, name: '新局', shortName: '新局', kind: 'DEPARTMENT' }
    const noToken = await createUnitRoute(request('/api/admin/units', { method: 'POST', body, cookie: session.cookie }), noParams)
    expect((await noToken.json()).error.code).toBe('auth.csrf')
    const wrongToken = await createUnitRoute(request('/api/admin/units', { method: 'POST', body, cookie: session.cookie, csrf: 'x'.repeat(43) }), noParams)
    expect((await wrongToken.json()).error.code).toBe('auth.csrf')
    const forbidden = await createUnitRoute(request('/api/admin/units', { method: 'POST', body, cookie: session.cookie, csrf: session.csrf }), noParams)
    expect(forbidden.status).toBe(403)
    expect((await forbidden.json()).error.code).toBe('forbidden')

    const admin = await buildPerson({ unit, grants: [{ permissions: ['unit.manage'], unit }] })
    const adminSession = await signInAs(admin.account)
    const created = await createUnitRoute(request('/api/admin/units', { method: 'POST', body, cookie: adminSession.cookie, csrf: adminSession.csrf }), noParams)
    expect(created.status).toBe(200)
    const invalid = await createUnitRoute(request('/api/admin/units', { method: 'POST', body: { ...body, kind: 'PALACE' }, cookie: adminSession.cookie, csrf: adminSession.csrf }), noParams)
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).error).toMatchObject({ code: 'validation', message: '填写的内容有误，请检查后重试。' })
  })

  it('answers 404 for ids that are not UUIDs or do not exist', async () => {
    const person = await buildPerson()
    const { cookie } = await signInAs(person.account)
    for (const id of ['not-a-uuid', '01900000-0000-7000-8000-000000000000']) {
      const response = await personRoute(request(`/api/directory/people/${id}`, { cookie }), { params: Promise.resolve({ id }) })
      expect(response.status).toBe(404)
    }
    const found = await personRoute(request(`/api/directory/people/${person.id}`, { cookie }), { params: Promise.resolve({ id: person.id }) })
    expect((await found.json()).person).toMatchObject({ id: person.id, account: person.account })
    expect(JSON.stringify(await (await personRoute(request(`/api/directory/people/${person.id}`, { cookie }), { params: Promise.resolve({ id: person.id }) })).json())).not.toMatch(/passwordHash|totpSecret/)
  })

  it('lets a person whose password must change do nothing but change it', async () => {
    const person = await buildPerson()
    await db().person.update({ where: { id: person.id }, data: { mustChangePassword: true } })
    const { cookie, csrf } = await signInAs(person.account)
    const blocked = await searchRoute(request('/api/directory/people?q=a', { cookie }), noParams)
    expect(blocked.status).toBe(403)
    expect((await blocked.json()).error.code).toBe('auth.password_change_required')
    const changed = await changePasswordRoute(request('/api/auth/password', { method: 'POST', cookie, csrf, body: { currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Pass-1' } }), noParams)
    expect(changed.status).toBe(200)
    expect((await searchRoute(request('/api/directory/people?q=a', { cookie }), noParams)).status).toBe(200)
  })

  it('switches the language from a plain form post too (before the page script has loaded)', async () => {
    const request = new Request(`${ORIGIN}/api/locale`, {
      method: 'POST',
      headers: { host: 'localhost:3000', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'locale=en&back=%2Fdirectory',
    })
    const response = await localeRoute(request, noParams)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/directory')
    expect(response.headers.get('set-cookie')).toMatch(/^NEXT_LOCALE=en;/)
    const offsite = await localeRoute(new Request(`${ORIGIN}/api/locale`, {
      method: 'POST',
      headers: { host: 'localhost:3000', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'locale=en&back=%2F%2Fevil.example',
    }), noParams)
    expect(offsite.status).toBe(400)
  })

  it('keeps a session waiting for its second factor out of everything else', async () => {
    const unit = await buildUnit()
    const person = await buildPerson({ unit, grants: [{ permissions: ['audit.view'], unit, requiresTotp: true }] })
    const response = await signInRoute(request('/api/auth/sign-in', { method: 'POST', body: { login: person.account, password: TEST_PASSWORD } }), noParams)
    expect(await response.json()).toEqual({ next: 'enrol_second_factor' })
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const blocked = await searchRoute(request('/api/directory/people?q=a', { cookie }), noParams)
    expect(blocked.status).toBe(401)
    expect((await blocked.json()).error.code).toBe('auth.second_factor_required')
  })
})
