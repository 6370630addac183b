import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actOnDocument, addAttachment, createDelegation, createDocument, getAttachment, getDocument, listDocuments, submitDocument, updateDocument } from './index.ts'
import { searchKey } from './engine.ts'
import { searchCondition } from './list-documents.ts'
import { buildOrganisation, ctx, draftNotice, files, revisionOf, stepOf, writeBody, type Organisation } from './test-organisation.ts'

/** Which of these documents the person finds in the list (all boxes), by search and without. */
async function found(person: { actor: Organisation['clerk']['actor'] }, q?: string) {
  return (await listDocuments(db(), person.actor, { q })).rows.map((r) => r.id)
}

const sees = async (person: { actor: Organisation['clerk']['actor'] }, id: string) =>
  getDocument(db(), person.actor, id).then(() => true, (e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') return false
    throw e
  })

describe('who sees a document', () => {
  it('gives people off the route nothing (by id, by search, by attachment download) and those on it everything', async () => {
    const s = await buildOrganisation()
    const word = `鹭岛${Math.random().toString(36).slice(2, 6)}`
    const { id } = await draftNotice(s)
    await writeBody(id, s.clerk.id, ['各县（区）人民政府，市政府各部门：', `结合${word}建设，统筹推进冬季安全生产工作。`])
    const file = await addAttachment(db(), s.clerk.actor, id, { name: '检查表.pdf', data: files.pdf() }, ctx)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('核稿')

    // On the route: the drafter, the reviewer now acting, the organisation's registry.
    for (const insider of [s.clerk, s.head, s.registry]) {
      const view = await getDocument(db(), insider.actor, id)
      expect(view.attachments.map((a) => a.fileName)).toEqual(['检查表.pdf'])
      expect(await found(insider, '安全生产')).toContain(id)
      expect(await found(insider, word)).toEqual([id])
      const download = await getAttachment(db(), insider.actor, id, file.id, ctx)
      expect(Buffer.from(download.data)).toEqual(Buffer.from(files.pdf()))
    }

    // Off the route: a colleague in the same division, a countersigner not yet asked, another
    // organisation's staff and its registry. Each gets "not found", never a hint that it exists.
    for (const outsider of [s.colleague, s.financeHead, s.outsider, s.outsiderRegistry]) {
      await expectAppError(getDocument(db(), outsider.actor, id), 'not_found')
      expect(await found(outsider, '安全生产')).toEqual([])
      expect(await found(outsider, word)).toEqual([])
      expect((await listDocuments(db(), outsider.actor, { q: word })).total).toBe(0)
      await expectAppError(getAttachment(db(), outsider.actor, id, file.id, ctx), 'not_found')
    }
    // A document one may see does not open another's attachment.
    const { id: own } = await createDocumentFor(s.outsider)
    await expectAppError(getAttachment(db(), s.outsider.actor, own, file.id, ctx), 'not_found')

    // Once the reviewer sends it to countersign, the finance head is on the route, and sees it all.
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '拟同意，请财政局会签。', unitIds: [s.finance.id] }, ctx)
    expect(await sees(s.financeHead, id)).toBe(true)
    expect(await found(s.financeHead, word)).toEqual([id])
    expect((await getAttachment(db(), s.financeHead.actor, id, file.id, ctx)).fileName).toBe('检查表.pdf')
    expect(await sees(s.colleague, id)).toBe(false)
    expect(await db().auditEvent.count({ where: { objectId: id, action: 'document.attachment_download' } })).toBe(4)
  })

  it('lists exactly the documents getDocument allows, for everyone (drafts, co-drafters, deputies, registries)', async () => {
    const s = await buildOrganisation()
    const { id: draft } = await draftNotice(s, '关于召开专题会议的通知')
    await updateDocument(db(), s.clerk.actor, draft, { collaboratorIds: [s.colleague.id] }, ctx)
    const { id: atReview } = await draftNotice(s, '关于开展消防安全检查的通知')
    await submitDocument(db(), s.clerk.actor, atReview, { revision: await revisionOf(atReview) }, ctx)
    const { id: atCountersign } = await draftNotice(s, '关于加强预算管理的通知')
    await submitDocument(db(), s.clerk.actor, atCountersign, { revision: await revisionOf(atCountersign) }, ctx)
    await actOnDocument(db(), s.head.actor, atCountersign, { revision: await revisionOf(atCountersign), opinion: '请会签。', unitIds: [s.finance.id, s.ndrc.id] }, ctx)
    // The finance head is away; their deputy stands in.
    await createDelegation(db(), s.financeHead.actor, { deputyId: s.leader.id, startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + days(2)), reason: '出差' }, ctx)
    const { id: elsewhere } = await createDocumentFor(s.outsider)

    const documents = [draft, atReview, atCountersign, elsewhere]
    const people = [s.clerk, s.colleague, s.head, s.financeHead, s.ndrcHead, s.leader, s.registry, s.outsider, s.outsiderRegistry]
    for (const person of people) {
      const expected: string[] = []
      for (const id of documents) if (await sees(person, id)) expected.push(id)
      expect((await found(person)).filter((id) => documents.includes(id)).sort(), person.name).toEqual(expected.sort())
    }
    expect(await found(s.leader)).toContain(atCountersign)
    expect(await found(s.colleague)).toEqual([draft])
  })
})

describe('searching the body', () => {
  it('finds a word only in the body once the draft is submitted, and edits made at a step after the next move', async () => {
    const s = await buildOrganisation()
    const first = `海丝${Math.random().toString(36).slice(2, 6)}`
    const second = `丝路${Math.random().toString(36).slice(2, 6)}`
    const { id } = await draftNotice(s)
    await writeBody(id, s.clerk.id, ['一、提高思想认识', `要把${first}纳入年度重点工作。`, '附件：OFD版式文件清单'])
    // Live edits are not indexed on every keystroke; the draft's text is taken when it is submitted.
    expect(await found(s.clerk, first)).toEqual([])
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    for (const person of [s.clerk, s.head, s.registry]) expect(await found(person, first), person.name).toEqual([id])
    for (const person of [s.colleague, s.outsider, s.outsiderRegistry]) expect(await found(person, first), person.name).toEqual([])
    // Case and width do not matter: ｏｆｄ, OFD and ofd find the same text.
    expect(await found(s.head, 'ofd版式')).toEqual([id])
    expect(await found(s.head, 'ＯＦＤ版式')).toEqual([id])
    // A word with LIKE's wildcards matches literally.
    expect(await found(s.head, '%')).toEqual([])
    // Both ways of searching (through the trigram index or reading the visible rows) agree.
    for (const q of [first, 'ofd版式', 'ＯＦＤ', '%', '_', '安全生产', '不存在的词']) {
      const ways = await Promise.all([true, false].map(async (mayUseIndex) => (await db().$queryRaw<{ id: string }[]>`
        SELECT d.id FROM "Document" d WHERE d.id = ${id}::uuid AND ${searchCondition(searchKey(q), mayUseIndex)}`).map((r) => r.id)))
      expect(ways[0], q).toEqual(ways[1])
      expect(ways[0], q).toEqual(['%', '_', '不存在的词'].includes(q) ? [] : [id])
    }

    // The reviewer edits the body at 核稿 (a step that edits it); moving on takes the new text.
    await writeBody(id, s.head.id, [`补充：${second}。`])
    expect(await found(s.head, second)).toEqual([])
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await found(s.head, second)).toEqual([id])
    expect(await found(s.leader, second)).toEqual([id])
    expect(await found(s.leader, first)).toEqual([id])
    expect(await found(s.outsider, second)).toEqual([])
    // Opinions stay searchable with the body.
    expect(await found(s.clerk, '同意')).toContain(id)
  })
})

async function createDocumentFor(person: Organisation['outsider']) {
  const post = await db().post.findFirstOrThrow({ where: { personId: person.id }, select: { unitId: true } })
  return createDocument(db(), person.actor, { kind: 'LETTER', title: '关于商请支持冬季安全生产检查的函', unitId: post.unitId }, ctx)
}
