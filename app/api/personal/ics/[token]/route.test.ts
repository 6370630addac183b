import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { db } from '@/server/core/db/index.ts'
import { fromShanghai } from '@/server/core/clock.ts'
import { createEntry, makeFeedToken, revokeFeedToken } from '@/server/personal/index.ts'
import { actorFor, buildContext, buildPerson } from '@/server/test/factories.ts'
import { GET } from './route.ts'

const call = (token: string) => GET(new Request(`http://localhost/api/personal/ics/${token}`), { params: Promise.resolve({ token }) })

describe('GET /api/personal/ics/[token]', () => {
  it('serves text/calendar without a session; a revoked token answers 404', async () => {
    const actor = await actorFor(await buildPerson({ name: '王五' }))
    await createEntry(db(), actor, { title: '会见来访', startsAt: fromShanghai('2026-12-10', '10:00'), endsAt: fromShanghai('2026-12-10', '11:00') }, buildContext())
    const { token } = await makeFeedToken(db(), actor, buildContext())
    const response = await call(token)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents('vevent')
    expect(events.map((e) => new ICAL.Event(e).summary)).toContain('会见来访')
    await revokeFeedToken(db(), actor, buildContext())
    expect((await call(token)).status).toBe(404)
    expect((await call('not-a-token')).status).toBe(404)
  })
})
