import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildPerson } from '../test/factories.ts'
import { buildOrganisation, ctx, revisionOf, stepOf } from './test-organisation.ts'
import { countOpenInbox, listInbox } from '../inbox/index.ts'
import {
  actOnDocument, addParticipant, createDelegation, createDocument, getDocument, listDocuments, numberDocument,
  reserveNumber, saveTemplate, documentVersionHtml, sendBackDocument, submitDocument, transferTask, voidNumber, withdrawDocument, bodyRight, listTemplates,
} from './index.ts'

/** The shared test organisation, plus an administrator of its workflow templates. */
async function setup() {
  const org = await buildOrganisation()
  const p = await buildPerson({ name: '管理员', unit: org.organ, grants: [{ permissions: ['workflow.manage'], unit: org.organ }] })
  return { ...org, admin: { ...p, actor: await actorFor(p) } }
}

const draft = (unitId: string) => ({ kind: 'NOTICE' as const, title: '关于做好2026年冬季安全生产工作的通知', mainRecipients: '各县（区）人民政府，市政府各部门', unitId })

describe('outgoing documents', () => {
  it('go from draft through review, parallel countersign, sign-off, re-check and numbering, with opinions in order', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    expect(await bodyRight(db(), s.clerk.actor, id)).toBe('edit')
    expect(await bodyRight(db(), s.head.actor, id)).toBeNull()

    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('核稿')
    expect(await bodyRight(db(), s.clerk.actor, id)).toBe('read')
    expect(await bodyRight(db(), s.head.actor, id)).toBe('edit')
    const [item] = (await listInbox(db(), s.head.id, { view: 'todo' })).items
    expect(item).toMatchObject({ title: draft('').title, url: `/documents/${id}` })

    await expectAppError(actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id) }, ctx), 'document.opinion_required')
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '拟同意，请财政局、发改委会签。', unitIds: [s.finance.id, s.ndrc.id] }, ctx)
    expect(await stepOf(id)).toBe('会签')
    expect(await countOpenInbox(db(), s.head.id)).toMatchObject({ todo: 0 })

    // Both countersigners must sign; after the first, the step waits for the second.
    await actOnDocument(db(), s.financeHead.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await stepOf(id)).toBe('会签')
    await actOnDocument(db(), s.ndrcHead.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await stepOf(id)).toBe('签发')

    await actOnDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), opinion: '同意印发。' }, ctx)
    expect(await stepOf(id)).toBe('复核')
    await actOnDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('编号登记')
    await expectAppError(actOnDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx), 'document.number_first')
    const { number } = await numberDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(number).toBe(`${s.code}发〔${new Date(clock.now().getTime() + 8 * 3600_000).getUTCFullYear()}〕1号`)
    expect(await stepOf(id)).toBe('用印')

    const view = await getDocument(db(), s.clerk.actor, id)
    expect(view.opinions.map((o) => [o.stepName, o.personName, o.text])).toEqual([
      ['核稿', '吴明', '拟同意，请财政局、发改委会签。'], ['会签', '钱局长', '同意。'], ['会签', '孙主任', '同意。'], ['签发', '陈建国', '同意印发。'],
    ])
    expect(view.signedOffById).toBe(s.leader.id)
    expect(view.events.map((e) => e.action)).toContain('ADVANCED')
    // A named version of the body was saved at every move.
    expect(await db().realtimeVersion.count({ where: { docName: `document:${id}`, kind: 'STEP' } })).toBeGreaterThanOrEqual(6)
    expect(await db().auditEvent.count({ where: { objectId: id, action: 'document.act' } })).toBe(5)
  })

  it('starts the body from a template (范文) when asked, and refuses an unknown one', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, { ...draft(s.division.id), template: 'notice' }, ctx)
    const html = await documentVersionHtml(db(), s.clerk.actor, id, 'current')
    expect(html).toContain('特此通知。')
    expect(html).toContain('总体要求')
    await expectAppError(createDocument(db(), s.clerk.actor, { ...draft(s.division.id), template: 'nope' }, ctx), 'validation')
  })

  it('is invisible to everyone off its route: by id, by list, by search, and to the co-editing server', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await expectAppError(getDocument(db(), s.outsider.actor, id), 'not_found')
    await expectAppError(getDocument(db(), s.head.actor, id), 'not_found')
    expect((await listDocuments(db(), s.outsider.actor, { q: '安全生产' })).total).toBe(0)
    expect(await bodyRight(db(), s.outsider.actor, id)).toBeNull()
    expect((await listDocuments(db(), s.clerk.actor, { q: '安全生产' })).rows.map((r) => r.id)).toEqual([id])
    // Registry staff of the organisation see it; the colleague does once invited.
    expect((await getDocument(db(), s.registry.actor, id)).id).toBe(id)
    await expectAppError(getDocument(db(), s.colleague.actor, id), 'not_found')
  })

  it('sends back to the drafter, and the resubmitted draft returns to the step that sent it back', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await stepOf(id)).toBe('签发')
    await expectAppError(sendBackDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id), toStep: -1, reason: '自己退' }, ctx), 'document.not_your_turn')
    await sendBackDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), toStep: -1, reason: '第三条表述不准确，请修改。' }, ctx)
    expect(await stepOf(id)).toBe('DRAFT')
    expect(await countOpenInbox(db(), s.leader.id)).toMatchObject({ todo: 0 })
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('签发')
    // Send back to an earlier step goes to whoever acted there.
    await sendBackDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), toStep: 0, reason: '请核稿人再审。' }, ctx)
    expect(await stepOf(id)).toBe('核稿')
    expect((await listInbox(db(), s.head.id, { view: 'todo' })).items).toHaveLength(1)
    expect((await getDocument(db(), s.clerk.actor, id)).opinions.map((o) => o.text)).toContain('退回：第三条表述不准确，请修改。')
  })

  it('can be withdrawn by its sender before the next step acts, not after', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await expectAppError(withdrawDocument(db(), s.head.actor, id, { revision: await revisionOf(id) }, ctx), 'document.cannot_withdraw')
    await withdrawDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('DRAFT')
    expect(await countOpenInbox(db(), s.head.id)).toMatchObject({ todo: 0 })

    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    // The head moved it to sign-off; they may take it back while the leader has not acted.
    await withdrawDocument(db(), s.head.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('核稿')
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    await actOnDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    await expectAppError(withdrawDocument(db(), s.head.actor, id, { revision: await revisionOf(id) }, ctx), 'document.cannot_withdraw')
  })

  it('transfers a task, adds a countersigner, and refuses a stale page', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    const stale = await revisionOf(id)
    await transferTask(db(), s.head.actor, id, { revision: stale, personId: s.colleague.id, reason: '请李娜核稿' }, ctx)
    await expectAppError(actOnDocument(db(), s.head.actor, id, { revision: stale, opinion: '同意。' }, ctx), 'document.stale')
    await expectAppError(actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx), 'document.not_your_turn')
    await actOnDocument(db(), s.colleague.actor, id, { revision: await revisionOf(id), opinion: '同意，请财政局会签。', unitIds: [s.finance.id] }, ctx)
    expect(await stepOf(id)).toBe('会签')
    await addParticipant(db(), s.financeHead.actor, id, { revision: await revisionOf(id), unitId: s.ndrc.id }, ctx)
    await actOnDocument(db(), s.financeHead.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await stepOf(id)).toBe('会签')
    await actOnDocument(db(), s.ndrcHead.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await stepOf(id)).toBe('签发')
  })

  it('lets exactly one of two people acting on the same step at once succeed', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    const revision = await revisionOf(id)
    const results = await Promise.allSettled([
      actOnDocument(db(), s.head.actor, id, { revision, opinion: '同意。' }, ctx),
      sendBackDocument(db(), s.head.actor, id, { revision, toStep: -1, reason: '退回' }, ctx),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(failed.reason.code).toBe('document.stale')
  })

  it('lets countersigners act from pages opened before a colleague signed, but never twice', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。', unitIds: [s.finance.id, s.ndrc.id] }, ctx)
    const seen = await revisionOf(id)
    await actOnDocument(db(), s.financeHead.actor, id, { revision: seen, opinion: '同意。' }, ctx)
    await expectAppError(actOnDocument(db(), s.financeHead.actor, id, { revision: seen, opinion: '同意。' }, ctx), 'document.stale')
    await actOnDocument(db(), s.ndrcHead.actor, id, { revision: seen, opinion: '同意。' }, ctx)
    expect(await stepOf(id)).toBe('签发')
  })

  it('lets a deputy act under a delegation, marked as acting for the person', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await expectAppError(actOnDocument(db(), s.colleague.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx), 'not_found')
    await createDelegation(db(), s.head.actor, { deputyId: s.colleague.id, startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + days(3)), reason: '休假' }, ctx)
    expect((await listInbox(db(), s.colleague.id, { view: 'todo' })).items).toHaveLength(1)
    await actOnDocument(db(), s.colleague.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    const view = await getDocument(db(), s.clerk.actor, id)
    expect(view.opinions[0]).toMatchObject({ personName: '李娜', onBehalfOfName: '吴明' })
    expect(await countOpenInbox(db(), s.head.id)).toMatchObject({ todo: 0 })
  })

  it('keeps documents in flight on the steps they started with when the template changes', async () => {
    const s = await setup()
    const { id: first } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, first, { revision: await revisionOf(first) }, ctx)
    const template = (await listTemplates(db(), s.admin.actor)).find((t) => t.direction === 'OUTGOING')!
    await saveTemplate(db(), s.admin.actor, null, {
      name: '本单位简易发文', direction: 'OUTGOING', unitId: s.dept.id,
      steps: [{ type: 'SIGN_OFF', name: '签发', assignee: { kind: 'LEADER_IN_CHARGE' } }, { type: 'NUMBER', name: '编号登记', assignee: { kind: 'REGISTRY' }, completion: 'ANY' }],
    }, ctx)
    await expectAppError(saveTemplate(db(), s.clerk.actor, template.id, { name: 'x', direction: 'OUTGOING', steps: [] }, ctx), 'forbidden')
    const { id: second } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await submitDocument(db(), s.clerk.actor, second, { revision: await revisionOf(second) }, ctx)
    expect(await stepOf(first)).toBe('核稿')
    expect(await stepOf(second)).toBe('签发')
    await actOnDocument(db(), s.head.actor, first, { revision: await revisionOf(first), opinion: '同意。' }, ctx)
    expect(await stepOf(first)).toBe('签发')
  })
})

describe('document numbers', () => {
  it('never repeat or skip under 50 parallel requests; reserved and voided numbers are kept', async () => {
    const s = await setup()
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => reserveNumber(db(), s.registry.actor, { organId: s.organ.id, reason: `预留${i}` }, ctx)))
    const sequences = results.map((r) => Number(/〕(\d+)号/.exec(r.number)![1])).sort((a, b) => a - b)
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    await voidNumber(db(), s.registry.actor, results[0]!.id, { reason: '重复预留' }, ctx)
    await expectAppError(reserveNumber(db(), s.clerk.actor, { organId: s.organ.id, reason: 'x' }, ctx), 'forbidden')
    expect(await db().documentNumber.count({ where: { prefix: `${s.code}发`, state: 'VOIDED' } })).toBe(1)
    expect(await db().auditEvent.count({ where: { action: 'document.number_void', objectId: results[0]!.id } })).toBe(1)
  })

  it('give one reserved number to exactly one of two documents numbered with it at once', async () => {
    const s = await setup()
    const atNumbering = async (title: string) => {
      const { id } = await createDocument(db(), s.clerk.actor, { ...draft(s.division.id), title }, ctx)
      await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
      await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
      await actOnDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), opinion: '同意印发。' }, ctx)
      await actOnDocument(db(), s.registry.actor, id, { revision: await revisionOf(id) }, ctx)
      expect(await stepOf(id)).toBe('编号登记')
      return id
    }
    const [a, b] = [await atNumbering('关于甲事项的通知'), await atNumbering('关于乙事项的通知')]
    const reserved = await reserveNumber(db(), s.registry.actor, { organId: s.organ.id, reason: '为重要文件预留' }, ctx)
    const results = await Promise.allSettled([a, b].map(async (id) =>
      numberDocument(db(), s.registry.actor, id, { revision: await revisionOf(id), reservedNumberId: reserved.id }, ctx)))
    expect(results.filter((r) => r.status === 'fulfilled')).toEqual([{ status: 'fulfilled', value: { number: reserved.number } }])
    const refused = results.find((r) => r.status === 'rejected')!
    expect(refused.reason).toMatchObject({ code: 'document.number_not_reserved' })
    const holders = await db().document.findMany({ where: { id: { in: [a, b] } }, select: { id: true, number: true } })
    expect(holders.filter((d) => d.number === reserved.number)).toHaveLength(1)
    const row = await db().documentNumber.findUniqueOrThrow({ where: { id: reserved.id } })
    expect(row).toMatchObject({ state: 'ASSIGNED', documentId: holders.find((d) => d.number)!.id })
  })

  it('are one per document and one per organ code in the database itself', async () => {
    const s = await setup()
    const { id: a } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    const { id: b } = await createDocument(db(), s.clerk.actor, draft(s.division.id), ctx)
    await db().document.update({ where: { id: a }, data: { number: `${s.code}发〔2026〕99号` } })
    await expect(db().document.update({ where: { id: b }, data: { number: `${s.code}发〔2026〕99号` } })).rejects.toMatchObject({ code: 'P2002' })
    await expect(db().unit.update({ where: { id: s.division.id }, data: { organCode: s.code } })).rejects.toMatchObject({ code: 'P2002' })
  })
})
