import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, shanghaiDate, shanghaiYear } from '../core/clock.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { bulletinRanking, compileIssue, exportBulletinRanking, listBulletinRankings, listItems, publishBulletinRanking, reviewItem, submitItem } from './index.ts'

const context = buildContext()
afterEach(() => clock.reset())

async function setup() {
  const tree = await buildTree()
  await db().unit.update({ where: { id: tree.root.id }, data: { organCode: `测${Math.floor(Math.random() * 1e6)}` } })
  const office = await buildUnit({ parent: tree.root, name: `办公室${Math.random()}` })
  const editor = await actorFor(await buildPerson({ unit: office, grants: [{ permissions: ['report.collect'], unit: office }] }))
  const a = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['report.fill'], unit: tree.dept, includesSubunits: false }] }))
  const b = await actorFor(await buildPerson({ unit: tree.sibling, grants: [{ permissions: ['report.fill'], unit: tree.sibling, includesSubunits: false }] }))
  return { tree, office, editor, a, b }
}

describe('bulletins', () => {
  it('takes items from units, adopts with scores, compiles numbered issues as documents, and ranks units', async () => {
    const s = await setup()
    const send = (actor: typeof s.a, unitId: string, title: string) => submitItem(db(), actor, { unitId, officeUnitId: s.office.id, title, body: `${title}的具体情况。` }, context)
    await expectAppError(send(s.a, s.tree.sibling.id, '越权'), 'not_found')
    const a1 = await send(s.a, s.tree.dept.id, '发改委推进重点项目')
    const a2 = await send(s.a, s.tree.dept.id, '发改委优化营商环境')
    const b1 = await send(s.b, s.tree.sibling.id, '财政局直达资金')
    expect(await db().inboxItem.count({ where: { objectType: 'BulletinItem', objectId: a1.id, personId: s.editor.personId, state: 'OPEN' } })).toBe(1)
    // A unit sees its own items only; the office sees all three.
    expect((await listItems(db(), s.b)).map((i) => i.id)).toEqual([b1.id])
    expect((await listItems(db(), s.editor)).length).toBe(3)
    await expectAppError(reviewItem(db(), s.a, a1.id, { revision: 0, adopt: true }, context), 'not_found')
    await reviewItem(db(), s.editor, a1.id, { revision: 0, adopt: true, score: 3, title: '市发改委全力推进重点项目建设' }, context)
    await expectAppError(reviewItem(db(), s.editor, a1.id, { revision: 1, adopt: true }, context), 'bulletin.not_open')
    await reviewItem(db(), s.editor, a2.id, { revision: 0, adopt: false }, context)
    await reviewItem(db(), s.editor, b1.id, { revision: 0, adopt: true, score: 2 }, context)
    await expectAppError(compileIssue(db(), s.editor, { officeUnitId: s.office.id, itemIds: [a2.id] }, context), 'bulletin.nothing_selected')
    const year = shanghaiYear(clock.now())
    const first = await compileIssue(db(), s.editor, { officeUnitId: s.office.id, itemIds: [a1.id] }, context)
    const second = await compileIssue(db(), s.editor, { officeUnitId: s.office.id, itemIds: [b1.id] }, context)
    expect([first.title, second.title]).toEqual([`政务信息（${year}年第1期）`, `政务信息（${year}年第2期）`])
    await expectAppError(compileIssue(db(), s.editor, { officeUnitId: s.office.id, itemIds: [a1.id] }, context), 'bulletin.nothing_selected')
    const doc = await db().document.findUniqueOrThrow({ where: { id: first.documentId! } })
    expect([doc.title, doc.kind, doc.direction]).toEqual([first.title, 'CIRCULAR', 'OUTGOING'])
    const today = shanghaiDate(clock.now())
    const ranking = await bulletinRanking(db(), s.editor, { from: `${year}-01-01`, to: today })
    expect(ranking.map((r) => [r.unitId, r.submitted, r.adopted, r.inIssues, r.score, r.rank])).toEqual([
      [s.tree.dept.id, 2, 1, 1, 4, 1], [s.tree.sibling.id, 1, 1, 1, 3, 2],
    ])
    expect((await bulletinRanking(db(), s.b, { from: `${year}-01-01`, to: today })).map((r) => r.unitId)).toEqual([s.tree.sibling.id])
  })

  it('publishes the ranking as a snapshot that later items do not change, exported to Excel (audited); only the office publishes', async () => {
    const ExcelJS = (await import('exceljs')).default
    const s = await setup()
    const year = shanghaiDate(clock.now()).slice(0, 4)
    const today = shanghaiDate(clock.now())
    const period = { from: `${year}-01-01`, to: today }
    const a1 = await submitItem(db(), s.a, { unitId: s.tree.dept.id, officeUnitId: s.office.id, title: '甲信息', body: '内容' }, context)
    await reviewItem(db(), s.editor, a1.id, { revision: 0, adopt: true, score: 3 }, context)
    await expectAppError(publishBulletinRanking(db(), s.a, period, context), 'forbidden')
    const { id } = await publishBulletinRanking(db(), s.editor, period, context)
    expect(await db().auditEvent.count({ where: { action: 'bulletin.publish_ranking', objectId: id } })).toBe(1)
    // A later item moves the live ranking, not the published one.
    await submitItem(db(), s.b, { unitId: s.tree.sibling.id, officeUnitId: s.office.id, title: '乙信息', body: '内容' }, context)
    expect((await bulletinRanking(db(), s.editor, period)).length).toBe(2)
    const [published] = await listBulletinRankings(db(), { id })
    expect(published!.rows.map((r) => [r.unitId, r.submitted, r.adopted, r.score, r.rank])).toEqual([[s.tree.dept.id, 1, 1, 3, 1]])
    expect(published!.office).toBe(s.office.name)

    const file = await exportBulletinRanking(db(), s.b, id, context)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file.bytes.buffer as ArrayBuffer)
    const sheet = wb.getWorksheet('信息排名')!
    expect(sheet.getRow(2).values).toEqual([undefined, '名次', '单位', '报送', '采用', '编入期刊', '得分'])
    expect(sheet.getRow(3).values).toEqual([undefined, 1, s.tree.dept.name, 1, 1, 0, 3])
    expect(sheet.rowCount).toBe(3)
    expect(await db().auditEvent.count({ where: { action: 'bulletin.export_ranking', objectId: id, actorId: s.b.personId } })).toBe(1)
    await expectAppError(exportBulletinRanking(db(), s.b, '00000000-0000-7000-8000-000000000000', context), 'not_found')
  })

  it('numbers issues without gaps under concurrent compiling', async () => {
    const s = await setup()
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => submitItem(db(), s.a, { unitId: s.tree.dept.id, officeUnitId: s.office.id, title: `信息${i}`, body: '内容' }, context)))
    for (const { id } of ids) await reviewItem(db(), s.editor, id, { revision: 0, adopt: true }, context)
    const issues = await Promise.all(ids.map(({ id }) => compileIssue(db(), s.editor, { officeUnitId: s.office.id, itemIds: [id], name: '信息专报' }, context)))
    const numbers = issues.map((i) => Number(/第(\d+)期/.exec(i.title)![1])).sort((x, y) => x - y)
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6])
  })
})
