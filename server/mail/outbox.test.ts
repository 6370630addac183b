import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildUnit } from '../test/factories.ts'
import { listOutbox, queueMail, retryMail } from './index.ts'

const ctx = buildContext()

/** A city with a district under it; failed mail to a city person, a district person and a bare address. */
async function setup() {
  const city = await buildUnit({ name: '泰和市人民政府' })
  const cityDept = await buildUnit({ parent: city, name: '市财政局' })
  const district = await buildUnit({ parent: city, name: '东平区人民政府' })
  const districtOffice = await buildUnit({ parent: district, name: '东平区政府办公室' })
  const cityPerson = await buildPerson({ unit: cityDept, name: '钱局长' })
  const districtPerson = await buildPerson({ unit: districtOffice, name: '区科员' })
  const tag = Math.random().toString(36).slice(2, 8)
  await db().$transaction((tx) => queueMail(tx, [
    { to: `city-${tag}@example.gov.cn`, toPersonId: cityPerson.id, subject: `市局通知${tag}`, text: '市里的邮件' },
    { to: `district-${tag}@example.gov.cn`, toPersonId: districtPerson.id, subject: `区通知${tag}`, text: '区里的邮件' },
    { to: `bare-${tag}@example.com`, subject: `外部地址${tag}`, text: '不属于任何人员' },
  ]))
  await db().outboxMail.updateMany({ where: { subject: { endsWith: tag } }, data: { status: 'FAILED', lastError: '550' } })
  const mail = async (prefix: string) => db().outboxMail.findFirstOrThrow({ where: { toAddress: `${prefix}-${tag}@example.gov.cn` } })
  const bare = await db().outboxMail.findFirstOrThrow({ where: { toAddress: `bare-${tag}@example.com` } })
  const admin = async (unit: { id: string }, includesSubunits = true) =>
    actorFor(await buildPerson({ unit, name: '邮件管理员', grants: [{ permissions: ['mail.manage'], unit, includesSubunits }] }))
  return { city, district, districtOffice, tag, admin, cityMail: await mail('city'), districtMail: await mail('district'), bare }
}

describe('the mail outbox and the administrator’s scope', () => {
  it('shows a district’s mail administrator only mail to people of the district, and counts only that', async () => {
    const s = await setup()
    const actor = await s.admin(s.district)
    const { mails, counts } = await listOutbox(db(), actor)
    expect(mails.map((m) => m.id)).toEqual([s.districtMail.id])
    expect(counts).toEqual({ FAILED: 1 })
    expect((await listOutbox(db(), actor, { status: 'FAILED' })).mails.map((m) => m.id)).toEqual([s.districtMail.id])

    // An exact grant on the district's government covers nobody in its office.
    const exact = await listOutbox(db(), await s.admin(s.district, false))
    expect(exact).toEqual({ mails: [], counts: {} })
  })

  it('finds mail by words of its subject or its address, within the scope only', async () => {
    const s = await setup()
    const city = await s.admin(s.city)
    expect((await listOutbox(db(), city, { q: `市局通知${s.tag}` })).mails.map((m) => m.id)).toEqual([s.cityMail.id])
    expect((await listOutbox(db(), city, { q: `BARE-${s.tag}` })).mails.map((m) => m.id)).toEqual([s.bare.id])
    expect((await listOutbox(db(), city, { q: `通知${s.tag}`, status: 'FAILED' })).mails.map((m) => m.id).sort()).toEqual([s.cityMail.id, s.districtMail.id].sort())
    // The district's administrator searching for the city's mail finds nothing; control characters are only spaces.
    expect((await listOutbox(db(), await s.admin(s.district), { q: `市局通知${s.tag}` })).mails).toEqual([])
    expect((await listOutbox(db(), city, { q: `\u0000区通知${s.tag}\u0000` })).mails.map((m) => m.id)).toEqual([s.districtMail.id])
  })

  it('shows a platform-wide mail administrator everything, mail to bare addresses too', async () => {
    const s = await setup()
    const { mails, counts } = await listOutbox(db(), await s.admin(s.city))
    expect(mails.map((m) => m.id)).toEqual(expect.arrayContaining([s.cityMail.id, s.districtMail.id, s.bare.id]))
    expect(counts.FAILED).toBeGreaterThanOrEqual(3)
  })

  it('retries only mail in scope; the rest is not found and stays as it was', async () => {
    const s = await setup()
    const actor = await s.admin(s.district)
    await expectAppError(retryMail(db(), actor, s.cityMail.id, ctx), 'not_found')
    await expectAppError(retryMail(db(), actor, s.bare.id, ctx), 'not_found')
    await expectAppError(retryMail(db(), actor, 'not-a-uuid', ctx), 'not_found')
    expect((await db().outboxMail.findMany({ where: { id: { in: [s.cityMail.id, s.bare.id] } } })).map((m) => m.status)).toEqual(['FAILED', 'FAILED'])
    await retryMail(db(), actor, s.districtMail.id, ctx)
    expect((await db().outboxMail.findUniqueOrThrow({ where: { id: s.districtMail.id } })).status).toBe('PENDING')
    await retryMail(db(), await s.admin(s.city), s.bare.id, ctx)
    expect((await db().outboxMail.findUniqueOrThrow({ where: { id: s.bare.id } })).status).toBe('PENDING')
  })

  it('refuses someone without mail.manage', async () => {
    const s = await setup()
    const clerk = await actorFor(await buildPerson({ unit: s.districtOffice }))
    await expectAppError(listOutbox(db(), clerk), 'forbidden')
    await expectAppError(retryMail(db(), clerk, s.districtMail.id, ctx), 'forbidden')
  })
})
