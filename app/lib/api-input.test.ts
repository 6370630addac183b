/**
 * Bounded input through the wrapper (pen test, issue 12): bodies cut off at the route's limit while
 * streaming, control characters and module zod errors as localised 400s, the rate limit, redirects,
 * cookie names, headers and the trusted proxy.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { clock } from '@/server/core/clock.ts'
import { createRateLimiter } from '@/server/core/rate-limit.ts'
import { searchPeople } from '@/server/directory/index.ts'
import { listAuditEvents } from '@/server/core/audit/index.ts'
import { db } from '@/server/core/db/index.ts'
import { buildPerson, buildUnit, TEST_PASSWORD } from '@/server/test/factories.ts'
import { POST as signInRoute } from '../api/auth/sign-in/route.ts'
import { POST as verifyRoute } from '../api/verify/route.ts'
import { GET as searchRoute } from '../api/directory/people/route.ts'
import { GET as auditRoute } from '../api/admin/audit/route.ts'
import { POST as createDocumentRoute } from '../api/documents/route.ts'
import { GET as documentReadRoute } from '../api/documents/[id]/[action]/route.ts'
import { POST as createSealRoute } from '../api/admin/seals/route.ts'
import { POST as createUnitRoute } from '../api/admin/units/route.ts'
import { POST as localeRoute } from '../api/locale/route.ts'
import { resetRateLimits } from './api.ts'
import { sameOriginPath } from './redirects.ts'

const ORIGIN = 'http://localhost:3000'
const noParams = { params: Promise.resolve({}) }
const MB = 1024 * 1024

type Init = { method?: string; body?: unknown; cookie?: string; csrf?: string; ip?: string; headers?: Record<string, string> }

function request(path: string, init: Init = {}) {
  const headers = new Headers({ host: 'localhost:3000', origin: ORIGIN, 'x-client-ip': init.ip ?? '10.12.0.1', ...init.headers })
  if (init.cookie) headers.set('cookie', init.cookie)
  if (init.csrf) headers.set('x-csrf-token', init.csrf)
  let body: BodyInit | undefined
  if (init.body instanceof FormData) body = init.body
  else if (init.body !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(init.body)
  }
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body })
}

async function signInAs(login: string, extra: Init = {}) {
  const response = await signInRoute(request('/api/auth/sign-in', { method: 'POST', body: { login, password: TEST_PASSWORD }, ...extra }), noParams)
  expect(response.status, await response.clone().text()).toBe(200)
  const raw = response.headers.getSetCookie()
  const pairs = raw.map((c) => c.split(';')[0]!)
  const csrfPair = pairs.find((p) => /^(__Host-)?xt_csrf=/.test(p))!
  return { cookie: pairs.join('; '), csrf: csrfPair.slice(csrfPair.indexOf('=') + 1), raw }
}

/** A chunked body (no length) of `total` bytes made as it is pulled; `pulled()` says how much the server read. */
function chunkedBody(total: number, prefix = '') {
  let sent = 0
  const chunk = new Uint8Array(64 * 1024).fill(0x78)
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && prefix) {
        const head = new TextEncoder().encode(prefix)
        sent += head.byteLength
        controller.enqueue(head)
        return
      }
      if (sent >= total) return controller.close()
      sent += chunk.byteLength
      controller.enqueue(chunk.slice())
    },
  }, { highWaterMark: 0 })
  return { stream, pulled: () => sent }
}

function chunkedRequest(path: string, stream: ReadableStream<Uint8Array>, contentType: string, cookie?: string, csrf?: string) {
  const headers = new Headers({ host: 'localhost:3000', origin: ORIGIN, 'x-client-ip': '10.12.0.2', 'content-type': contentType })
  if (cookie) headers.set('cookie', cookie)
  if (csrf) headers.set('x-csrf-token', csrf)
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit)
}

const saved = { ...process.env }
afterEach(() => {
  for (const key of ['RATE_LIMIT', 'RATE_LIMIT_AUTH_PER_MINUTE', 'RATE_LIMIT_READS_PER_MINUTE', 'RATE_LIMIT_ADDRESS_FACTOR', 'COOKIE_SECURE', 'TRUST_PROXY']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
  resetRateLimits()
  clock.reset()
})

describe('request bodies', () => {
  it('stops reading a 50 MB chunked sign-in body at 64 KiB: 413 payload_too_large, memory flat', async () => {
    const { stream, pulled } = chunkedBody(50 * MB, '{"login":"a","password":"')
    global.gc?.()
    const before = process.memoryUsage().rss
    const response = await signInRoute(chunkedRequest('/api/auth/sign-in', stream, 'application/json'), noParams)
    const grewMiB = (process.memoryUsage().rss - before) / MB
    console.log(`50 MB chunked sign-in: read ${(pulled() / 1024).toFixed(0)} KiB, RSS +${grewMiB.toFixed(1)} MiB`)
    expect(response.status).toBe(413)
    expect((await response.json()).error).toMatchObject({ code: 'payload_too_large', message: '提交的内容过大（上限 64 KB）。' })
    expect(pulled()).toBeLessThan(64 * 1024 + 3 * 64 * 1024)
    expect(grewMiB).toBeLessThan(20)
  })

  it('refuses 100 MB chunked to /api/verify after its own limit, not after reading it all', async () => {
    const person = await buildPerson()
    const { cookie, csrf } = await signInAs(person.account)
    const { stream, pulled } = chunkedBody(100 * MB)
    const response = await verifyRoute(chunkedRequest('/api/verify', stream, 'multipart/form-data; boundary=x', cookie, csrf), noParams)
    expect(response.status).toBe(413)
    expect((await response.json()).error).toMatchObject({ code: 'seal.file_too_large', message: '文件超过 20 MB，无法验证。' })
    expect(pulled()).toBeLessThan(21 * MB)
  })

  it('refuses a declared length over the limit before reading anything', async () => {
    const { stream, pulled } = chunkedBody(MB)
    const r = new Request(`${ORIGIN}/api/auth/sign-in`, {
      method: 'POST', duplex: 'half', body: stream,
      headers: { host: 'localhost:3000', origin: ORIGIN, 'content-type': 'application/json', 'content-length': String(MB), 'x-client-ip': '10.12.0.3' },
    } as RequestInit)
    const response = await signInRoute(r, noParams)
    expect(response.status).toBe(413)
    expect(pulled()).toBe(0)
  })
})

describe('input errors are 4xx in the person’s language', () => {
  it('answers NUL in directory search, the audit filter and a title with 400 validation', async () => {
    const unit = await buildUnit()
    const person = await buildPerson({ unit, grants: [{ permissions: ['audit.view'], unit }] })
    const { cookie, csrf } = await signInAs(person.account)
    const search = await searchRoute(request('/api/directory/people?q=%00', { cookie }), noParams)
    expect(search.status).toBe(400)
    expect((await search.json()).error).toMatchObject({ code: 'validation', details: [{ path: ['q'], message: '含有不允许的控制字符。' }] })
    const audit = await auditRoute(request('/api/admin/audit?action=a%00b', { cookie }), noParams)
    expect(audit.status).toBe(400)
    const title = await createDocumentRoute(request('/api/documents', { method: 'POST', cookie, csrf, body: { kind: 'NOTICE', title: '关于\u0000的通知', unitId: unit.id } }), noParams)
    expect(title.status).toBe(400)
    expect((await title.json()).error).toMatchObject({ code: 'validation', details: [{ path: ['title'] }] })
    const en = await searchRoute(request('/api/directory/people?q=%00', { cookie: `${cookie}; NEXT_LOCALE=en` }), noParams)
    expect((await en.json()).error.details[0].message).toBe('Contains control characters that are not allowed.')
  })

  it('keeps NUL from the database where pages pass the URL straight to a module', async () => {
    await expect(searchPeople(db(), { query: '张\u0000' })).resolves.toBeInstanceOf(Array)
    await expect(listAuditEvents(db(), { action: '\u0000' })).resolves.toBeInstanceOf(Array)
  })

  it('answers compare without `from` with 400, not 500', async () => {
    const person = await buildPerson()
    const { cookie } = await signInAs(person.account)
    const id = '01900000-0000-7000-8000-000000000001'
    const response = await documentReadRoute(request(`/api/documents/${id}/compare`, { cookie }), { params: Promise.resolve({ id, action: 'compare' }) })
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatchObject({ code: 'validation', details: [{ path: ['from'], message: '必须填写。' }] })
    const unknown = await documentReadRoute(request(`/api/documents/${id}/nonsense`, { cookie }), { params: Promise.resolve({ id, action: 'nonsense' }) })
    expect(unknown.status).toBe(404)
    const unknownError = (await unknown.json()).error
    expect(unknownError.code).toBe('not_found')
    expect(unknownError.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('answers a one-character seal name (a zod error thrown inside the module) with 400 in Chinese', async () => {
    const unit = await buildUnit()
    const admin = await buildPerson({ unit, grants: [{ permissions: ['seal.manage'], unit }] })
    const { cookie, csrf } = await signInAs(admin.account)
    const form = new FormData()
    form.set('unitId', unit.id)
    form.set('name', '印')
    const response = await createSealRoute(request('/api/admin/seals', { method: 'POST', cookie, csrf, body: form }), noParams)
    expect(response.status).toBe(400)
    expect((await response.json()).error).toEqual({
      code: 'validation', message: '填写的内容有误，请检查后重试。', details: [{ path: ['name'], message: '至少 2 个字符。' }],
    })
  })
})

describe('rate limit', () => {
  it('answers 429 with Retry-After past the sign-in budget of an address, and lets it in again a minute later', async () => {
    process.env.RATE_LIMIT = 'true'
    process.env.RATE_LIMIT_AUTH_PER_MINUTE = '3'
    clock.freeze()
    const attempt = (ip: string) => signInRoute(request('/api/auth/sign-in', { method: 'POST', ip, body: { login: 'nobody-here', password: 'x' } }), noParams)
    for (let i = 0; i < 3; i++) expect((await attempt('10.12.1.1')).status).toBe(401)
    const limited = await attempt('10.12.1.1')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect((await limited.json()).error).toMatchObject({ code: 'rate_limited', message: '操作过于频繁，请 60 秒后再试。' })
    expect((await attempt('10.12.1.2')).status).toBe(401)
    clock.advance(60_000)
    expect((await attempt('10.12.1.1')).status).toBe(401)
  })

  it('limits one person’s reads whatever address they come from', async () => {
    const person = await buildPerson()
    const { cookie } = await signInAs(person.account)
    process.env.RATE_LIMIT = 'true'
    process.env.RATE_LIMIT_READS_PER_MINUTE = '2'
    const read = (ip: string) => searchRoute(request('/api/directory/people?q=a', { cookie, ip }), noParams)
    expect((await read('10.12.2.1')).status).toBe(200)
    expect((await read('10.12.2.2')).status).toBe(200)
    expect((await read('10.12.2.3')).status).toBe(429)
  })

  it('holds a bounded number of counters', () => {
    const limiter = createRateLimiter(100)
    for (let i = 0; i < 10_000; i++) limiter.hit(`ip:${i}`, 5)
    expect(limiter.size).toBe(100)
    expect(limiter.hit('ip:9999', 1)).not.toBeNull()
  })
})

describe('redirects, cookies and headers', () => {
  it('accepts only same-origin paths as a redirect', async () => {
    for (const bad of ['//evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example', 'javascript:alert(1)', ' /x']) {
      expect(sameOriginPath(bad), bad).toBeNull()
    }
    expect(sameOriginPath('/documents?box=todo#top')).toBe('/documents?box=todo#top')
    const back = await localeRoute(new Request(`${ORIGIN}/api/locale`, {
      method: 'POST', headers: { host: 'localhost:3000', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: 'locale=en&back=%2F%5Cevil.example',
    }), noParams)
    expect(back.status).toBe(400)
  })

  it('names cookies __Host- and sends HSTS when cookies are secure; JSON is never cached', async () => {
    process.env.COOKIE_SECURE = 'true'
    const person = await buildPerson()
    const { raw, cookie } = await signInAs(person.account)
    expect(raw.find((c) => c.startsWith('__Host-xt_session='))).toMatch(/Secure/)
    expect(raw.find((c) => c.startsWith('__Host-xt_csrf='))).toMatch(/Path=\//)
    const response = await searchRoute(request('/api/directory/people?q=a', { cookie }), noParams)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    // The plain name is not read when the names are prefixed.
    const plain = cookie.replaceAll('__Host-', '')
    expect((await searchRoute(request('/api/directory/people?q=a', { cookie: plain }), noParams)).status).toBe(401)
  })

  it('trusts X-Forwarded-Host only behind a trusted proxy', async () => {
    const unit = await buildUnit()
    const admin = await buildPerson({ unit, grants: [{ permissions: ['unit.manage'], unit }] })
    const { cookie, csrf } = await signInAs(admin.account)
    const body = { parentId: unit.id, name: '代理局', shortName: '代理局', kind: 'DEPARTMENT' }
    const proxied = () => createUnitRoute(request('/api/admin/units', {
      method: 'POST', cookie, csrf, body, headers: { origin: 'https://office.example', 'x-forwarded-host': 'office.example' },
    }), noParams)
    expect((await (await proxied()).json()).error.code).toBe('auth.csrf')
    process.env.TRUST_PROXY = 'true'
    expect((await proxied()).status).toBe(200)
  })
})
