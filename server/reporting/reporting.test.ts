import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days, shanghaiDate, shanghaiInstant } from '../core/clock.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { startJobs, stopJobs } from '../core/jobs.ts'
import { sendPushJob } from '../push/index.ts'
import {
  collectionBoard, collectionSummary, createCollection, createPeriodCollections, getTemplate, listMySubmissions, loadSubmission, reopenSubmission, reviewSubmission,
  saveDraft, saveTemplate, stopSeries, ensurePeriodCollection, submitForReview, sweepLateSubmissions, urgeSubmission, type Definition,
} from './index.ts'

const context = buildContext()
afterEach(() => clock.reset())

export const definition: Definition = {
  sections: [
    { title: '基本情况', fields: [
      { key: 'people', label: '从业人数', type: 'number', required: true, help: '年末人数', measure: '人', min: 0, max: 100000, integer: true },
      { key: 'output', label: '产值', type: 'number', required: false, help: '', measure: '万元', integer: false },
      { key: 'level', label: '风险等级', type: 'choice', required: true, help: '', options: ['低', '中', '高'], integer: false, measure: '' },
      { key: 'note', label: '说明', type: 'longText', required: false, help: '', integer: false, measure: '' },
    ] },
    { title: '项目明细', fields: [
      { key: 'projects', label: '项目', type: 'table', required: true, help: '', integer: false, measure: '', columns: [
        { key: 'name', label: '名称', type: 'text', required: true, help: '', integer: false, measure: '' },
        { key: 'amount', label: '投资额', type: 'number', required: true, help: '', integer: false, measure: '万元', min: 0 },
      ] },
    ] },
  ],
}

/** A city with an office collecting, three units each with a filler and a reviewer, and an outsider. */
async function setup() {
  const tree = await buildTree()
  const office = await buildUnit({ parent: tree.root, name: `办公室${Math.random()}` })
  const third = await buildUnit({ parent: tree.root, name: `教育局${Math.random()}` })
  const collector = await actorFor(await buildPerson({ unit: office, grants: [{ permissions: ['report.collect'], unit: office }] }))
  const unit = async (u: { id: string }) => ({
    filler: await actorFor(await buildPerson({ unit: u, grants: [{ permissions: ['report.fill'], unit: u, includesSubunits: false }] })),
    filler2: await actorFor(await buildPerson({ unit: u, grants: [{ permissions: ['report.fill'], unit: u, includesSubunits: false }] })),
    reviewer: await actorFor(await buildPerson({ unit: u, grants: [{ permissions: ['report.review'], unit: u, includesSubunits: false }] })),
  })
  const outsider = await actorFor(await buildPerson({ unit: (await buildTree()).dept, grants: [{ permissions: ['report.collect', 'report.fill'], unit: tree.sibling, includesSubunits: false }] }))
  return { tree, office, third, collector, a: await unit(tree.dept), b: await unit(tree.sibling), c: await unit(third), outsider }
}

async function sent(s: Awaited<ReturnType<typeof setup>>, def: Definition = definition) {
  const t = await saveTemplate(db(), s.collector, { name: '经济运行月报', definition: def }, context)
  const { collectionId } = await createCollection(db(), s.collector, { versionId: t.versionId, title: '经济运行月报', unitIds: [s.tree.dept.id, s.tree.sibling.id, s.third.id], cycle: 'ONCE', deadline: shanghaiDate(new Date(clock.now().getTime() + days(3))) }, context)
  const board = await collectionBoard(db(), s.collector, collectionId)
  const sub = (unitId: string) => board.rows.find((r) => r.unitId === unitId)!.submissionId
  return { template: t, collectionId, subA: sub(s.tree.dept.id), subB: sub(s.tree.sibling.id), subC: sub(s.third.id) }
}

async function fillAndSubmit(filler: Parameters<typeof saveDraft>[1], reviewer: Parameters<typeof saveDraft>[1], id: string, values: Record<string, unknown>) {
  const s = await loadSubmission(db(), filler, id)
  const { revision } = await saveDraft(db(), filler, id, { revision: s.revision, values }, context)
  const r2 = await submitForReview(db(), filler, id, { revision }, context)
  return reviewSubmission(db(), reviewer, id, { revision: r2.revision, approve: true }, context)
}

describe('templates', () => {
  it('refuses a bad definition as validation, with the field named', async () => {
    const s = await setup()
    const bad = { sections: [{ title: '一', fields: [{ key: 'x', label: 'X', type: 'choice', options: ['只有一个'] }, { key: 'x', label: 'Y', type: 'number', min: 5, max: 1 }] }] }
    const error = await saveTemplate(db(), s.collector, { name: 'bad', definition: bad as never }, context).catch((e: unknown) => e)
    expect((error as { name: string }).name).toBe('ZodError')
    const issues = (error as { issues: { path: (string | number)[]; message: string }[] }).issues
    expect(issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['definition.sections.0.fields.0.options', 'definition.sections.0.fields.1.max']))
    expect(issues.some((i) => i.message === 'reporting_key_unique')).toBe(true)
  })

  it('keeps a collection under way on the version it was sent with', async () => {
    const s = await setup()
    const { template, subA } = await sent(s)
    const changed: Definition = { sections: [{ title: '新', fields: [{ key: 'people', label: '人数', type: 'number', required: true, help: '', measure: '人', min: 0, max: 10, integer: true }] }] }
    const v2 = await saveTemplate(db(), s.collector, { templateId: template.templateId, revision: template.revision, name: '经济运行月报', definition: changed }, context)
    expect(v2.version).toBe(2)
    await expectAppError(saveTemplate(db(), s.collector, { templateId: template.templateId, revision: template.revision, name: 'x', definition: changed }, context), 'reporting.stale')
    const t = await getTemplate(db(), s.collector, template.templateId)
    expect(t.versions.map((v) => [v.version, v.collections])).toEqual([[2, 0], [1, 1]])
    // The old collection still validates against version 1: max 100000, not 10.
    const sub = await loadSubmission(db(), s.a.filler, subA)
    expect(sub.collection.version.version).toBe(1)
    await saveDraft(db(), s.a.filler, subA, { revision: sub.revision, values: { people: 500 } }, context)
    const v1 = await db().reportTemplateVersion.findUniqueOrThrow({ where: { id: template.versionId } })
    expect(v1.definition).toEqual(JSON.parse(JSON.stringify(await db().reportTemplateVersion.findUniqueOrThrow({ where: { id: template.versionId } }).then((x) => x.definition))))
    expect((v1.definition as Definition).sections).toHaveLength(2)
  })
})

describe('submissions', () => {
  it('checks values on the server, each problem at its field, row and column', async () => {
    const s = await setup()
    const { subA } = await sent(s)
    const sub = await loadSubmission(db(), s.a.filler, subA)
    const error = await expectAppError(saveDraft(db(), s.a.filler, subA, { revision: sub.revision, values: { people: -1, level: '极高', projects: [{ name: '路', amount: 'abc' }] } }, context), 'validation')
    expect((error.details as { path: unknown[]; message: string; code: string }[]).map((d) => [d.path.join('.'), d.code === 'custom' ? d.message : d.code])).toEqual([
      ['people', 'too_small'], ['level', 'reporting_choice'], ['projects.0.amount', 'reporting_number'],
    ])
    const { revision } = await saveDraft(db(), s.a.filler, subA, { revision: sub.revision, values: { people: '12' } }, context)
    // Required fields are enforced when it goes for review, not on a draft.
    const missing = await expectAppError(submitForReview(db(), s.a.filler, subA, { revision }, context), 'validation')
    expect((missing.details as { path: unknown[] }[]).map((d) => d.path.join('.'))).toEqual(['level', 'projects'])
  })

  it('shares one draft between the unit’s fillers with a revision check, then review sends back and approves', async () => {
    const s = await setup()
    const { subA } = await sent(s)
    const r0 = (await loadSubmission(db(), s.a.filler, subA)).revision
    const r1 = await saveDraft(db(), s.a.filler, subA, { revision: r0, values: { people: 10 } }, context)
    await expectAppError(saveDraft(db(), s.a.filler2, subA, { revision: r0, values: { people: 11 } }, context), 'reporting.stale')
    const r2 = await saveDraft(db(), s.a.filler2, subA, { revision: r1.revision, values: { people: 11, level: '低', projects: [{ name: '桥', amount: 5 }] } }, context)
    const fillItems = await db().inboxItem.findMany({ where: { objectType: 'ReportFill', objectId: `${subA}:0` } })
    expect(fillItems.map((i) => i.personId).sort()).toEqual([s.a.filler.personId, s.a.filler2.personId].sort())
    await expectAppError(reviewSubmission(db(), s.a.reviewer, subA, { revision: r2.revision, approve: true }, context), 'reporting.not_pending')
    const r3 = await submitForReview(db(), s.a.filler, subA, { revision: r2.revision }, context)
    expect(await db().inboxItem.count({ where: { objectType: 'ReportFill', objectId: `${subA}:0`, state: 'OPEN' } })).toBe(0)
    expect(await db().inboxItem.count({ where: { objectType: 'ReportReview', objectId: `${subA}:0`, personId: s.a.reviewer.personId, state: 'OPEN' } })).toBe(1)
    await expectAppError(reviewSubmission(db(), s.a.reviewer, subA, { revision: r3.revision, approve: false }, context), 'reporting.reason_required')
    const back = await reviewSubmission(db(), s.a.reviewer, subA, { revision: r3.revision, approve: false, reason: '人数有误' }, context)
    expect(back.status).toBe('RETURNED')
    expect(await db().inboxItem.count({ where: { objectType: 'ReportFill', objectId: `${subA}:1`, state: 'OPEN' } })).toBe(2)
    const r4 = await submitForReview(db(), s.a.filler, subA, { revision: back.revision }, context)
    const done = await reviewSubmission(db(), s.a.reviewer, subA, { revision: r4.revision, approve: true }, context)
    expect(done.status).toBe('SUBMITTED')
    await expectAppError(saveDraft(db(), s.a.filler, subA, { revision: done.revision, values: {} }, context), 'reporting.not_editable')
    // The collector reopens it; it is the unit's to fill again.
    await expectAppError(reopenSubmission(db(), s.a.filler, subA, { revision: done.revision, reason: 'x' }, context), 'not_found')
    await reopenSubmission(db(), s.collector, subA, { revision: done.revision, reason: '请补充说明' }, context)
    expect((await loadSubmission(db(), s.a.filler, subA)).status).toBe('RETURNED')
  })

  it('shows a unit its own submissions only; everyone else gets not found', async () => {
    const s = await setup()
    const { collectionId, subA, subB } = await sent(s)
    await expectAppError(loadSubmission(db(), s.b.filler, subA), 'not_found')
    await expectAppError(loadSubmission(db(), s.outsider, subA), 'not_found')
    await expectAppError(collectionBoard(db(), s.outsider, collectionId), 'not_found')
    await expectAppError(collectionBoard(db(), s.a.filler, collectionId), 'not_found')
    await expectAppError(saveDraft(db(), s.b.filler, subA, { revision: 0, values: {} }, context), 'not_found')
    // A reviewer of the unit sees it but may not fill; a filler may not review.
    await expectAppError(saveDraft(db(), s.a.reviewer, subA, { revision: 0, values: {} }, context), 'reporting.not_filler')
    expect((await listMySubmissions(db(), s.b.filler)).map((x) => x.id)).toEqual([subB])
    // The outsider fills for the sibling unit (a grant there), so sees exactly that one.
    expect((await listMySubmissions(db(), s.outsider)).map((x) => x.id)).toEqual([subB])
    await expectAppError(urgeSubmission(db(), s.a.filler, subA, {}, context), 'not_found')
  })

  it('refuses units outside the organisation the office serves', async () => {
    const s = await setup()
    const t = await saveTemplate(db(), s.collector, { name: 't', definition }, context)
    const elsewhere = (await buildTree()).dept
    await expectAppError(createCollection(db(), s.collector, { versionId: t.versionId, title: 't', unitIds: [elsewhere.id], cycle: 'ONCE', deadline: '2030-01-01' }, context), 'reporting.unit_out_of_reach')
    await expectAppError(createCollection(db(), s.outsider, { versionId: t.versionId, title: 't', unitIds: [s.tree.dept.id], cycle: 'ONCE', deadline: '2030-01-01' }, context), 'not_found')
  })
})

describe('summary and board', () => {
  it('sums, averages and counts choices and table columns in SQL over submitted reports only', async () => {
    const s = await setup()
    const { collectionId, subA, subB, subC } = await sent(s)
    await fillAndSubmit(s.a.filler, s.a.reviewer, subA, { people: 10, output: 1.5, level: '低', projects: [{ name: '甲', amount: 100 }, { name: '乙', amount: 50.5 }] })
    await fillAndSubmit(s.b.filler, s.b.reviewer, subB, { people: 30, level: '高', projects: [{ name: '丙', amount: 9.5 }] })
    // C only drafts: not counted.
    await saveDraft(db(), s.c.filler, subC, { revision: 0, values: { people: 1000, level: '高' } }, context)
    const sum = await collectionSummary(db(), s.collector, collectionId)
    expect(sum.numbers.find((n) => n.key === 'people')).toEqual({ key: 'people', sum: 40, avg: 20, count: 2 })
    expect(sum.numbers.find((n) => n.key === 'output')).toEqual({ key: 'output', sum: 1.5, avg: 1.5, count: 1 })
    expect(sum.choices.find((c) => c.key === 'level')!.counts).toEqual({ 低: 1, 高: 1 })
    expect(sum.columns).toEqual([{ key: 'projects', column: 'amount', sum: 160, rows: 3 }])
    expect(sum.units.map((u) => [u.values.people, u.tableSums['projects.amount']]).sort()).toEqual([[10, 150.5], [30, 9.5]])
    const board = await collectionBoard(db(), s.collector, collectionId)
    expect(board.counts).toEqual({ submitted: 2, pending: 1, returned: 0, overdue: 0 })
    clock.advance(days(5))
    expect((await collectionBoard(db(), s.collector, collectionId)).counts).toEqual({ submitted: 2, pending: 0, returned: 0, overdue: 1 })
  })

  it('reminds before the deadline and urges after it, once per day, and by hand once an hour', async () => {
    const s = await setup()
    const { subC } = await sent(s)
    // Half a day before the deadline (the end of a Beijing day), whatever the hour the test runs at.
    const { collection } = await db().reportSubmission.findUniqueOrThrow({ where: { id: subC }, select: { collection: { select: { deadline: true } } } })
    clock.freeze(new Date(collection.deadline.getTime() - days(0.5)))
    await sweepLateSubmissions(db())
    const reminded = await db().inboxItem.count({ where: { objectType: 'ReportUrge', objectId: `${subC}:remind:1`, personId: s.c.filler.personId } })
    expect(reminded).toBe(1)
    clock.advance(days(1))
    await sweepLateSubmissions(db())
    await sweepLateSubmissions(db())
    expect((await db().reportSubmission.findUniqueOrThrow({ where: { id: subC } })).urgeCount).toBe(1)
    await expectAppError(urgeSubmission(db(), s.collector, subC, {}, context), 'reporting.urged_recently')
    clock.advance(days(1) + 1000)
    await urgeSubmission(db(), s.collector, subC, { message: '请今天报送' }, context)
    expect(await db().inboxItem.count({ where: { objectType: 'ReportUrge', objectId: `${subC}:urge:2`, personId: s.c.reviewer.personId } })).toBe(1)
  })

  it('an urge reaches the unit as supervision’s do: a 待阅, a mail (preferences apply) and a push to its devices', async () => {
    const s = await setup()
    const { subC } = await sent(s)
    await db().person.update({ where: { id: s.c.filler.personId }, data: { email: 'filler-c@example.gov.cn' } })
    await db().person.update({ where: { id: s.c.reviewer.personId }, data: { email: 'reviewer-c@example.gov.cn' } })
    await db().notificationPreference.create({ data: { personId: s.c.reviewer.personId, emailEnabled: false, pushEnabled: false } })
    await startJobs([sendPushJob], { work: false }) // the queue exists, as on a platform; nothing runs it here
    await urgeSubmission(db(), s.collector, subC, { message: '请今天报送' }, context)
    await stopJobs()
    const mail = await db().outboxMail.findMany({ where: { toPersonId: { in: [s.c.filler.personId, s.c.reviewer.personId] } } })
    expect(mail.map((m) => [m.toAddress, m.subject])).toEqual([['filler-c@example.gov.cn', expect.stringMatching(/^【催报】经济运行月报/)]])
    expect(mail[0]!.text).toContain(`/reporting/submissions/${subC}`)
    expect(mail[0]!.text).toContain('请今天报送')
    const pushes = await db().$queryRaw<{ data: { personIds: string[]; title: string; url: string } }[]>`SELECT data FROM pgboss.job WHERE name = 'push.send' AND data->>'url' = ${`/reporting/submissions/${subC}`}`
    // The reviewer turned push off; both fillers get it (push needs no mail address).
    expect(pushes).toHaveLength(1)
    expect([...pushes[0]!.data.personIds].sort()).toEqual([s.c.filler.personId, s.c.filler2.personId].sort())
    expect(pushes[0]!.data.title).toMatch(/^【催报】/)
  })
})

describe('cycles', () => {
  it('makes each period its own collection, once however often the job runs', async () => {
    const s = await setup()
    clock.freeze(shanghaiInstant('2026-11-20', 600))
    const t = await saveTemplate(db(), s.collector, { name: '月报', definition }, context)
    const { collectionId } = await createCollection(db(), s.collector, { versionId: t.versionId, title: '月报', unitIds: [s.tree.dept.id, s.third.id], cycle: 'MONTHLY', deadlineDays: 5 }, context)
    const first = await db().reportCollection.findUniqueOrThrow({ where: { id: collectionId } })
    expect(first.period).toBe('2026-11')
    expect(first.title).toBe('月报（2026年11月）')
    expect(first.deadline.toISOString()).toBe('2026-12-05T15:59:59.999Z')
    await createPeriodCollections()
    expect(await db().reportCollection.count({ where: { seriesId: first.seriesId } })).toBe(1)
    clock.freeze(shanghaiInstant('2026-12-01', 1))
    await Promise.all([createPeriodCollections(), createPeriodCollections()])
    await createPeriodCollections()
    const all = await db().reportCollection.findMany({ where: { seriesId: first.seriesId }, orderBy: { period: 'asc' }, include: { _count: { select: { submissions: true } } } })
    expect(all.map((c) => [c.period, c._count.submissions])).toEqual([['2026-11', 2], ['2026-12', 2]])
  })

  it('a stopped cycle makes no further periods; only its office may stop it, once, audited', async () => {
    const s = await setup()
    clock.freeze(shanghaiInstant('2026-11-20', 600))
    const t = await saveTemplate(db(), s.collector, { name: '周报', definition }, context)
    const { collectionId } = await createCollection(db(), s.collector, { versionId: t.versionId, title: '周报', unitIds: [s.tree.dept.id], cycle: 'MONTHLY', deadlineDays: 5 }, context)
    const { seriesId } = await db().reportCollection.findUniqueOrThrow({ where: { id: collectionId } })
    await expectAppError(stopSeries(db(), s.outsider, seriesId!, context), 'not_found')
    await expectAppError(stopSeries(db(), s.a.filler, seriesId!, context), 'not_found')
    await stopSeries(db(), s.collector, seriesId!, context)
    await expectAppError(stopSeries(db(), s.collector, seriesId!, context), 'reporting.series_stopped')
    expect(await db().auditEvent.count({ where: { action: 'reporting.series_stop', objectId: seriesId!, actorId: s.collector.personId } })).toBe(1)
    expect((await collectionBoard(db(), s.collector, collectionId)).collection.series).toMatchObject({ isActive: false })
    clock.freeze(shanghaiInstant('2026-12-01', 1))
    await createPeriodCollections()
    // Even a sweep that read the series before it was stopped makes nothing.
    await db().$transaction((tx) => ensurePeriodCollection(tx, seriesId!, clock.now()))
    expect((await db().reportCollection.findMany({ where: { seriesId } })).map((c) => c.period)).toEqual(['2026-11'])
  })
})

describe('Excel', () => {
  it('round-trips the template workbook and reports each bad cell by sheet, row and column', async () => {
    const ExcelJS = (await import('exceljs')).default
    const { submissionWorkbook, importSubmission, readWorkbook, exportSummary, exportSubmissions } = await import('./index.ts')
    const s = await setup()
    const { collectionId, subA } = await sent(s)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await submissionWorkbook(db(), s.a.filler, subA)).bytes.buffer as ArrayBuffer)
    const main = wb.getWorksheet('填报')!
    const rowOf = (key: string) => { let n = 0; main.eachRow((r, i) => { if (r.getCell(2).value === key) n = i }); return n }
    main.getCell(rowOf('people'), 3).value = -5
    main.getCell(rowOf('level'), 3).value = '极高'
    const table = wb.getWorksheet('1-项目')!
    table.getCell(2, 1).value = '道路'
    table.getCell(2, 2).value = 120
    table.getCell(4, 1).value = '桥梁'
    table.getCell(4, 2).value = '很多'
    const bad = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer)
    const { issues } = await readWorkbook((await loadSubmission(db(), s.a.filler, subA)).definition, bad)
    expect(issues.map((i) => [i.path.join(':'), i.code === 'custom' ? i.message : i.code])).toEqual([
      [`填报:${rowOf('people')}:C`, 'too_small'], [`填报:${rowOf('level')}:C`, 'reporting_choice'], ['1-项目:4:B', 'reporting_number'],
    ])
    await expectAppError(importSubmission(db(), s.a.filler, subA, 0, bad, context), 'validation')
    await expectAppError(importSubmission(db(), s.a.filler, subA, 0, new Uint8Array([1, 2, 3]), context), 'reporting.import_file')
    main.getCell(rowOf('people'), 3).value = 7
    main.getCell(rowOf('level'), 3).value = '中'
    table.getCell(4, 2).value = 30
    const good = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer)
    await expectAppError(importSubmission(db(), s.b.filler, subA, 0, good, context), 'not_found')
    const { revision } = await importSubmission(db(), s.a.filler, subA, 0, good, context)
    const saved = await loadSubmission(db(), s.a.filler, subA)
    expect(saved.values).toEqual({ people: 7, level: '中', projects: [{ name: '道路', amount: 120 }, { name: '桥梁', amount: 30 }] })
    const r = await submitForReview(db(), s.a.filler, subA, { revision }, context)
    await reviewSubmission(db(), s.a.reviewer, subA, { revision: r.revision, approve: true }, context)
    // The exports open and carry the figures.
    const summary = new ExcelJS.Workbook()
    await summary.xlsx.load((await exportSummary(db(), s.collector, collectionId, context)).bytes.buffer as ArrayBuffer)
    const sheet = summary.getWorksheet('汇总表')!
    const total = sheet.getRow(3).values as unknown[]
    expect(total.slice(1)).toEqual(['合计', 7, 0, 150])
    await expectAppError(exportSummary(db(), s.a.filler, collectionId, context), 'not_found')
    const all = new ExcelJS.Workbook()
    await all.xlsx.load((await exportSubmissions(db(), s.collector, collectionId, context)).bytes.buffer as ArrayBuffer)
    expect(all.getWorksheet('全部报送')!.rowCount).toBe(4)
    expect(all.getWorksheet('1-项目')!.rowCount).toBe(3)
  })
})

describe('attachments', () => {
  it('takes a checked file for an attachment field and serves it only to those who see the submission', async () => {
    const { uploadReportFile, getReportFile } = await import('./index.ts')
    const s = await setup()
    const def: Definition = { sections: [{ title: '附件', fields: [{ key: 'proof', label: '佐证材料', type: 'attachment', required: true, help: '', measure: '', integer: false }] }] }
    const { subA, subB } = await sent(s, def)
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    await expectAppError(uploadReportFile(db(), s.a.filler, subA, 'proof', 'x.exe', pdf, context), 'document.attachment_type')
    await expectAppError(uploadReportFile(db(), s.a.filler, subA, 'nope', 'a.pdf', pdf, context), 'validation')
    await expectAppError(uploadReportFile(db(), s.b.filler, subA, 'proof', 'a.pdf', pdf, context), 'not_found')
    const file = await uploadReportFile(db(), s.a.filler, subA, 'proof', '佐证.pdf', pdf, context)
    const sub = await loadSubmission(db(), s.a.filler, subA)
    const { revision } = await saveDraft(db(), s.a.filler, subA, { revision: sub.revision, values: { proof: file } }, context)
    await submitForReview(db(), s.a.filler, subA, { revision }, context)
    expect((await getReportFile(db(), s.collector, file.fileId)).name).toBe('佐证.pdf')
    await expectAppError(getReportFile(db(), s.b.filler, file.fileId), 'not_found')
    expect(subB).not.toBe(subA)
  })
})
