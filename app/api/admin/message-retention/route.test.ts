/**
 * 聊天记录保存期限 through the real route: only the security administrator (platform-wide) saves it;
 * under 180 days is refused in words; each save is audited; the nightly purge keeps to it.
 */
import { describe, expect, it } from 'vitest'
import { db } from '@/server/core/db/index.ts'
import { clock, days } from '@/server/core/clock.ts'
import { messagingRetention, openDirect, purgeExpiredMessages, sendMessage } from '@/server/messaging/index.ts'
import { actorFor, buildPerson, buildTree, TEST_PASSWORD } from '@/server/test/factories.ts'
import { POST as signInRoute } from '../../auth/sign-in/route.ts'
import { PUT } from './route.ts'

const ORIGIN = 'http://localhost:3000'
let ip = 0
function request(path: string, init: { method?: string; body?: unknown; cookie?: string; csrf?: string; locale?: string } = {}) {
  const headers = new Headers({ host: 'localhost:3000', origin: ORIGIN, 'x-client-ip': `10.78.0.${++ip}` })
  if (init.cookie) headers.set('cookie', init.cookie + (init.locale ? `; NEXT_LOCALE=${init.locale}` : ''))
  if (init.csrf) headers.set('x-csrf-token', init.csrf)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
}
const noParams = { params: Promise.resolve<Record<string, string>>({}) }
async function signInAs(login: string) {
  const response = await signInRoute(request('/api/auth/sign-in', { method: 'POST', body: { login, password: TEST_PASSWORD } }), noParams)
  expect(response.status).toBe(200)
  const pairs = response.headers.getSetCookie().map((c) => c.split(';')[0]!)
  return { cookie: pairs.join('; '), csrf: pairs.find((p) => p.startsWith('xt_csrf='))!.slice(8) }
}
const periods = { DIRECT: 200, TOPIC: 365, UNIT: 365, DOCUMENT: 3650, MEETING: 3650, SUPERVISION: 3650 }

describe('messaging retention page', () => {
  it('only the platform-wide security administrator saves it; the system administrator, the auditor and a unit’s security administrator are refused', async () => {
    const { root, dept } = await buildTree()
    const secadmin = await buildPerson({ unit: root, grants: [{ permissions: ['role.manage', 'security.manage'], unit: root }] })
    const sysadmin = await buildPerson({ unit: root, grants: [{ permissions: ['unit.manage', 'person.manage', 'mail.manage'], unit: root }] })
    const auditor = await buildPerson({ unit: root, grants: [{ permissions: ['audit.view'], unit: root }] })
    const unitSec = await buildPerson({ unit: dept, grants: [{ permissions: ['security.manage'], unit: dept }] })
    const put = async (account: string, body: unknown) => PUT(request('/api/admin/message-retention', { method: 'PUT', ...(await signInAs(account)), body }), noParams)

    for (const person of [sysadmin, auditor, unitSec]) expect((await put(person.account, { revision: 0, days: periods })).status).toBe(403)
    expect((await messagingRetention(db())).saved).toBe(false)

    const saved = await put(secadmin.account, { revision: 0, days: periods })
    expect(saved.status).toBe(200)
    expect((await saved.json()).retention).toEqual({ days: periods, revision: 1 })
    expect((await messagingRetention(db())).days).toEqual(periods)
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'messaging.retention', actorId: secadmin.id } })
    expect(audit.details).toMatchObject({ before: { DIRECT: 180 }, after: { DIRECT: 200 } })

    // A second editor with the old revision is refused, not silently overwritten.
    const stale = await put(secadmin.account, { revision: 0, days: { ...periods, TOPIC: 400 } })
    expect(stale.status).toBe(409)
    expect((await stale.json()).error.code).toBe('messaging.retention_stale')
  })

  it('a value under 180 days is refused with a clear message in the user’s language, and nothing is saved', async () => {
    const { root } = await buildTree()
    const secadmin = await buildPerson({ unit: root, grants: [{ permissions: ['security.manage'], unit: root }] })
    const session = await signInAs(secadmin.account)
    const before = await messagingRetention(db())
    const zh = await PUT(request('/api/admin/message-retention', { method: 'PUT', ...session, body: { revision: before.revision, days: { ...periods, DIRECT: 30 } } }), noParams)
    expect(zh.status).toBe(400)
    expect((await zh.json()).error).toMatchObject({ code: 'messaging.retention_too_short', message: '保存期限不能少于 180 天：按等级保护要求，聊天记录至少保存 180 天。' })
    const en = await PUT(request('/api/admin/message-retention', { method: 'PUT', ...session, locale: 'en', body: { revision: before.revision, days: { ...periods, UNIT: 179 } } }), noParams)
    expect((await en.json()).error.message).toMatch(/^The retention period must be at least 180 days/)
    const notNumber = await PUT(request('/api/admin/message-retention', { method: 'PUT', ...session, body: { revision: before.revision, days: { ...periods, TOPIC: 'forever' } } }), noParams)
    expect(notNumber.status).toBe(400)
    expect((await notNumber.json()).error.code).toBe('validation')
    expect(await db().auditEvent.count({ where: { action: 'messaging.retention', actorId: secadmin.id } })).toBe(0)
    expect(await messagingRetention(db())).toEqual(before)
  })

  it('the purge keeps to the saved setting: direct messages kept 200 days stay at 190 and go at 201', async () => {
    const { root, dept } = await buildTree()
    const secadmin = await buildPerson({ unit: root, grants: [{ permissions: ['security.manage'], unit: root }] })
    const { revision } = await messagingRetention(db())
    expect((await PUT(request('/api/admin/message-retention', { method: 'PUT', ...(await signInAs(secadmin.account)), body: { revision, days: periods } }), noParams)).status).toBe(200)
    const [a, b] = await Promise.all([buildPerson({ unit: dept }), buildPerson({ unit: dept })])
    const actor = await actorFor(a)
    const start = clock.now()
    try {
      clock.freeze(start)
      const { id } = await openDirect(db(), actor, { personId: b.id })
      const sent = await sendMessage(db(), actor, id, { clientId: 'retention-1', text: '保存期限' }, { publish: false })
      clock.freeze(new Date(start.getTime() + days(190)))
      await purgeExpiredMessages(db())
      expect(await db().message.findUnique({ where: { id: sent.message.id } })).not.toBeNull()
      clock.freeze(new Date(start.getTime() + days(201)))
      await purgeExpiredMessages(db())
      expect(await db().message.findUnique({ where: { id: sent.message.id } })).toBeNull()
    } finally {
      clock.reset()
    }
  })
})
