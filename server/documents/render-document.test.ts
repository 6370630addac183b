import { beforeAll, describe, expect, it } from 'vitest'
import type { JSONContent } from '@tiptap/core'
import { db } from '../core/db/index.ts'
import { sm3Hex } from '../core/crypto.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildUnit } from '../test/factories.ts'
import { updateUnit } from '../directory/index.ts'
import { TestEditor, heading, paragraph, text } from '../coediting/test-editor.ts'
import { pdfText, requirePoppler } from '../rendering/test-pdf.ts'
import { SENTENCES } from '../rendering/test-samples.ts'
import { actOnDocument, addAttachment, createDocument, ensureDefaultTemplates, getDocument, renderDocument, submitDocument } from './index.ts'
import { files } from './test-organisation.ts'
import { bodyDocName } from './kinds.ts'
import { chineseDate } from './render-document.ts'

/** An organisation with its general office, a drafting division (clerk, head), a leader, registry staff, an outsider. */
async function setup() {
  await ensureDefaultTemplates(db())
  const organ = await buildUnit({ name: '泰和市人民政府', organCode: `泰${Math.random().toString(36).slice(2, 6)}` })
  const office = await buildUnit({ parent: organ, name: '泰和市人民政府办公室' })
  const division = await buildUnit({ parent: office, name: '秘书科', kind: 'DIVISION' })
  const person = async (name: string, unit: { id: string }, extra: Parameters<typeof buildPerson>[0] = {}) => {
    const p = await buildPerson({ name, unit, ...extra })
    return { ...p, actor: await actorFor(p) }
  }
  const clerk = await person('王芳', division)
  const head = await person('吴明', division, { title: '科长', leaderRank: 'PRINCIPAL' })
  const leader = await person('陈建国', organ, { title: '市长', leaderRank: 'DEPUTY' })
  await db().leaderCharge.create({ data: { personId: leader.id, unitId: office.id } })
  const registry = await person('赵文书', office, { grants: [{ permissions: ['document.register'], unit: organ }] })
  const outsider = await person('路人', await buildUnit({ name: '邻市政府' }))
  return { organ, office, division, clerk, head, leader, registry, outsider }
}

const ctx = buildContext()
const revisionOf = async (id: string) => (await db().document.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision
const flat = (s: string) => s.replace(/\s+/g, '')

/** A body written the way the browser's editor writes it (y-tiptap), long enough for three pages. */
async function writeBody(documentId: string, personId: string) {
  const long: JSONContent[] = Array.from({ length: 14 }, (_, i) => paragraph(text(SENTENCES[i % SENTENCES.length]! + SENTENCES[(i + 1) % SENTENCES.length]!)))
  const editor = new TestEditor(bodyDocName(documentId), personId).set([
    paragraph(text('为切实做好今冬明春安全生产工作，现就有关事项通知如下：')),
    heading(1, '总体要求'),
    paragraph(text('坚持'), text('安全第一', 'bold'), text('的方针。')),
    heading(2, '工作目标'),
    { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('隐患排查全覆盖。'))] }] },
    { type: 'table', content: [
      { type: 'tableRow', content: [{ type: 'tableHeader', content: [paragraph(text('单位'))] }, { type: 'tableHeader', content: [paragraph(text('事项'))] }] },
      { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('市应急管理局'))] }, { type: 'tableCell', content: [paragraph(text('统筹协调'))] }] },
    ] },
    ...long,
    paragraph(text('特此通知。')),
  ])
  await editor.flush()
}

beforeAll(() => requirePoppler())

describe('a document as a GB/T 9704 PDF', () => {
  it('renders the co-edited body under the red header for those who may see the document, and for nobody else', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, { kind: 'NOTICE', title: '关于做好冬季安全生产工作的通知', mainRecipients: '各县（区）人民政府，市政府各部门', copyTo: '市委办公室', unitId: s.division.id }, ctx)
    await writeBody(id, s.clerk.id)

    const { pdf, pages, fileName, sealAnchor } = await renderDocument(db(), s.clerk.actor, id)
    expect(pages).toBeGreaterThanOrEqual(3)
    expect(fileName).toBe('关于做好冬季安全生产工作的通知.pdf')
    expect(sealAnchor.page).toBeLessThan(pages)
    const body = flat(pdfText(pdf))
    const order = ['泰和市人民政府文件', '关于做好冬季安全生产工作的通知', '各县（区）人民政府，市政府各部门：', '为切实做好今冬明春安全生产工作', '一、总体要求',
      '坚持安全第一的方针。', '（一）工作目标', '隐患排查全覆盖。', '市应急管理局', '特此通知。', `泰和市人民政府${chineseDate(new Date())}`, '抄送：市委办公室。', '泰和市人民政府办公室']
    let at = -1
    for (const piece of order) {
      const found = body.indexOf(piece, at + 1)
      expect(found, piece).toBeGreaterThan(at)
      at = found
    }
    for (let n = 1; n <= pages; n++) expect(pdfText(pdf, n)).toContain(`— ${n} —`)

    await expectAppError(renderDocument(db(), s.outsider.actor, id), 'not_found')
    await expectAppError(renderDocument(db(), s.head.actor, id), 'not_found')
    await expectAppError(renderDocument(db(), s.clerk.actor, 'not-a-uuid'), 'not_found')
  })

  it('keeps the PDF as signed off when the leader signs, with its SM3 and the sign-off date', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, { kind: 'REQUEST', title: '关于申请安全生产专项资金的请示', mainRecipients: '省人民政府', unitId: s.division.id }, ctx)
    await writeBody(id, s.clerk.id)
    await submitDocument(db(), s.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await actOnDocument(db(), s.head.actor, id, { revision: await revisionOf(id), opinion: '同意。' }, ctx)
    expect(await db().documentRendition.count({ where: { documentId: id } })).toBe(0)
    await actOnDocument(db(), s.leader.actor, id, { revision: await revisionOf(id), opinion: '同意上报。' }, ctx)

    const renditions = await db().documentRendition.findMany({ where: { documentId: id } })
    expect(renditions).toHaveLength(1)
    const [rendition] = renditions as [typeof renditions[number]]
    expect(rendition).toMatchObject({ kind: 'SIGNED_OFF', createdById: s.leader.id, sealId: null })
    expect(rendition.sm3).toBe(sm3Hex(Buffer.from(rendition.pdf)))
    const text = flat(pdfText(rendition.pdf))
    const doc = await db().document.findUniqueOrThrow({ where: { id } })
    // An upward document: the signer (the leader who signed off) beside the (not yet given) number.
    expect(text).toContain('签发人：陈建国')
    expect(text).toContain(`泰和市人民政府${chineseDate(doc.signedOffAt!)}`)
    expect(text).toContain('关于申请安全生产专项资金的请示')
  })

  it('heads and signs with the organ\'s full name as on its seal (Unit.fullName), set by an administrator; else its name', async () => {
    await ensureDefaultTemplates(db())
    const city = await buildUnit({ name: '泰和市人民政府' })
    const organ = await buildUnit({ parent: city, name: '市政府办公室', fullName: '泰和市人民政府办公室', organCode: `泰办${Math.random().toString(36).slice(2, 6)}` })
    const division = await buildUnit({ parent: organ, name: '秘书科', kind: 'DIVISION' })
    const clerk = await buildPerson({ name: '王芳', unit: division })
    const { id } = await createDocument(db(), await actorFor(clerk), { kind: 'NOTICE', title: '关于做好2027年春节期间安全生产工作的通知', mainRecipients: '各县（区）人民政府', unitId: division.id }, ctx)

    const text = flat(pdfText((await renderDocument(db(), await actorFor(clerk), id)).pdf))
    const date = chineseDate(new Date())
    expect(text).toContain('泰和市人民政府办公室文件')
    expect(text).toContain(`泰和市人民政府办公室${date}`)
    expect(text).not.toMatch(/(^|[^和])市政府办公室/)

    // Cleared on the admin page: the unit's own name again.
    const admin = await actorFor(await buildPerson({ unit: city, grants: [{ permissions: ['unit.manage'], unit: city }] }))
    await updateUnit(db(), admin, organ.id, { name: organ.name, shortName: organ.shortName, organCode: organ.organCode, kind: organ.kind, sortOrder: 0, fullName: '' }, ctx)
    expect((await db().unit.findUniqueOrThrow({ where: { id: organ.id } })).fullName).toBeNull()
    const plain = flat(pdfText((await renderDocument(db(), await actorFor(clerk), id)).pdf))
    expect(plain).toContain('市政府办公室文件')
    expect(plain).toContain(`市政府办公室${date}`)
  })

  it('renders with an unreadable attachment stored before uploads were parsed: a page says so in its place, and it is reported', async () => {
    const s = await setup()
    const { id } = await createDocument(db(), s.clerk.actor, { kind: 'NOTICE', title: '关于报送检查情况的通知', mainRecipients: '各县（区）人民政府', unitId: s.division.id }, ctx)
    await writeBody(id, s.clerk.id)
    const good = await addAttachment(db(), s.clerk.actor, id, { name: '检查表.pdf', data: files.pdf() }, ctx)
    // Written as the old upload check let it through: it starts with %PDF- and has no page tree.
    const broken = await db().documentAttachment.create({
      data: { documentId: id, fileName: '现场照片.pdf', contentType: 'application/pdf', size: files.brokenPdf().length, data: files.brokenPdf(), uploadedById: s.clerk.id },
    })
    const { pdf, pages, notEmbeddedIds } = await renderDocument(db(), s.clerk.actor, id)
    expect(notEmbeddedIds).toEqual([broken.id])
    expect(flat(pdfText(pdf))).toContain('附件“现场照片”无法嵌入本文件')
    expect(pdfText(pdf, pages)).toContain(`— ${pages} —`)
    // The document page tells the person which attachment is not in the PDF.
    const view = await getDocument(db(), s.clerk.actor, id)
    expect(view.attachments.map((a) => [a.id, a.notEmbeddable])).toEqual([[good.id, false], [broken.id, true]])
  })
})
