import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days, hours, minutes } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { listInbox } from '../inbox/index.ts'
import { actOnDocument, createDelegation, getDocument, submitDocument, urgeDocument, urgeOverdueTasks } from './index.ts'
import { buildOrganisation, ctx, draftNotice, revisionOf } from './test-organisation.ts'

afterEach(() => clock.reset())

const urges = async (personId: string) => (await listInbox(db(), personId, { view: 'toread' })).items.filter((i) => i.title.startsWith('催办：'))
const mailTo = (personId: string) => db().outboxMail.findMany({ where: { toPersonId: personId, subject: { startsWith: '【催办】' } }, select: { subject: true, text: true } })

describe('urging (催办)', () => {
  it('reminds the people still to act, by inbox and mail, at most once an hour, by those allowed', async () => {
    const s = await buildOrganisation()
    await db().person.update({ where: { id: s.financeHead.id }, data: { email: 'qian@taihe.gov.cn' } })
    const { id } = await draftNotice(s)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '请财政局、发改委会签。', unitIds: [s.finance.id, s.ndrc.id] }, ctx)
    await actOnDocument(db(), s.ndrcHead.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    const revision = await revisionOf(id)

    // Off the route: not found. On it but neither drafter, registry nor the one who sent it here: refused.
    await expectAppError(urgeDocument(db(), s.outsider.actor, id, {}, ctx), 'not_found')
    await expectAppError(urgeDocument(db(), s.ndrcHead.actor, id, {}, ctx), 'document.cannot_urge')
    expect((await getDocument(db(), s.ndrcHead.actor, id)).viewer.mayUrge).toBe(false)
    expect((await getDocument(db(), s.head.actor, id)).viewer.mayUrge).toBe(true)

    // The head sent it to countersign, so may urge; only the finance head is still to act.
    expect(await urgeDocument(db(), s.head.actor, id, { message: '请于今天下班前会签。' }, ctx)).toEqual({ urged: 1 })
    const [item] = await urges(s.financeHead.id)
    expect(item).toMatchObject({ title: '催办：关于做好2026年冬季安全生产工作的通知', url: `/documents/${id}`, source: '吴明催办 · 会签' })
    expect(await urges(s.ndrcHead.id)).toEqual([])
    const [mail] = await mailTo(s.financeHead.id)
    expect(mail!.subject).toBe('【催办】关于做好2026年冬季安全生产工作的通知')
    expect(mail!.text).toContain('请于今天下班前会签。')
    // Urging does not move the document: a page opened before it can still act.
    expect(await revisionOf(id)).toBe(revision)

    // Once an hour per document, whoever urges.
    clock.advance(minutes(59))
    const early = await expectAppError(urgeDocument(db(), s.clerk.actor, id, {}, ctx), 'document.urged_recently')
    expect(early.params.at).toBeInstanceOf(Date)
    clock.advance(minutes(2))
    await urgeDocument(db(), s.registry.actor, id, {}, ctx)
    // Each urge is its own item, so the second one shows too.
    expect(await urges(s.financeHead.id)).toHaveLength(2)

    const view = await getDocument(db(), s.clerk.actor, id)
    expect(view.events.filter((e) => e.action === 'URGED').map((e) => [e.actorName, e.stepName, (e.details as { to: string }).to])).toEqual([
      ['吴明', '会签', '钱局长'], ['赵文书', '会签', '钱局长'],
    ])
    expect(await db().auditEvent.count({ where: { objectId: id, action: 'document.urge' } })).toBe(2)

    // Acting clears the urges with the task.
    await actOnDocument(db(), s.financeHead.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await urges(s.financeHead.id)).toEqual([])
    clock.advance(hours(2))
    await urgeDocument(db(), s.clerk.actor, id, {}, ctx) // the leader, now at 签发
    expect(await urges(s.leader.id)).toHaveLength(1)
  })

  it('reaches a deputy standing in for the person', async () => {
    const s = await buildOrganisation()
    const { id } = await draftNotice(s)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await createDelegation(db(), s.head.actor, { deputyId: s.colleague.id, startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + days(3)), reason: '休假' }, ctx)
    expect(await urgeDocument(db(), s.clerk.actor, id, {}, ctx)).toEqual({ urged: 2 })
    expect(await urges(s.head.id)).toHaveLength(1)
    expect(await urges(s.colleague.id)).toHaveLength(1)
    // The deputy acts for the head: both reminders go.
    await actOnDocument(db(), s.colleague.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await urges(s.head.id)).toEqual([])
    expect(await urges(s.colleague.id)).toEqual([])
  })

  it('urges a step past its time limit once, automatically', async () => {
    clock.freeze(new Date('2026-11-23T01:00:00Z'))
    const s = await buildOrganisation()
    await db().person.update({ where: { id: s.head.id }, data: { email: 'wu@taihe.gov.cn' } })
    const { id } = await draftNotice(s)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    const mine = async () => (await urgeOverdueTasks(db())).filter((u) => u.documentId === id)

    // 核稿 has a 24-hour limit.
    clock.advance(hours(23))
    expect(await mine()).toEqual([])
    clock.advance(hours(1) + minutes(1))
    const [a, b] = await Promise.all([urgeOverdueTasks(db()), urgeOverdueTasks(db())])
    expect([...a, ...b].filter((u) => u.documentId === id)).toEqual([{ documentId: id, personIds: [s.head.id] }])
    expect(await mine()).toEqual([])
    clock.advance(days(1))
    expect(await mine()).toEqual([])

    expect(await urges(s.head.id)).toEqual([expect.objectContaining({ source: '超期自动催办 · 核稿' })])
    expect(await mailTo(s.head.id)).toHaveLength(1)
    const event = await db().documentEvent.findFirstOrThrow({ where: { documentId: id, action: 'URGED' } })
    expect(event).toMatchObject({ actorId: null, stepName: '核稿', details: expect.objectContaining({ automatic: true }) })
    expect(await db().auditEvent.count({ where: { objectId: id, action: 'document.urge_overdue', actorId: null } })).toBe(1)

    // The next step starts its own time limit, and is urged once when that passes.
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    clock.advance(hours(25))
    expect(await mine()).toEqual([{ documentId: id, personIds: [s.leader.id] }])
  })
})
