import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, shanghaiInstant } from '../core/clock.ts'
import { recordAudit } from '../core/audit/index.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { aggregateDay, aggregatePending, exportMetrics, metricsCharts, metricsDashboard, metricsScope } from './index.ts'

const context = buildContext()
afterEach(() => clock.reset())

type Person = { id: string; name: string; account: string }

/** A sign-in as the audit log records it, at a Beijing wall time. */
async function signIn(person: Person, day: string, minuteOfDay: number) {
  clock.freeze(shanghaiInstant(day, minuteOfDay))
  await db().$transaction(async (tx) => recordAudit(tx, { actor: await actorFor(person), action: 'auth.sign_in', details: {}, context }))
  clock.reset()
}

/** A document step (named as the workflow names it) opened at one time and completed at another. */
async function step(person: Person, unit: { id: string }, name: string, createdAt: Date, actedAt: Date) {
  const doc = await db().document.create({ data: { direction: 'OUTGOING', kind: 'NOTICE', title: '关于做好年终工作的通知', organId: unit.id, unitId: unit.id, createdById: person.id, workflow: [{ type: 'REVIEW', name }] } })
  await db().documentTask.create({ data: { documentId: doc.id, stepIndex: 0, assigneeId: person.id, status: 'DONE', createdAt, actedAt, actedById: person.id } })
}

async function message(person: Person, at: Date) {
  const conversation = await db().conversation.create({ data: { kind: 'TOPIC', title: '工作群' } })
  await db().message.create({ data: { conversationId: conversation.id, seq: 1, clientId: `c${Math.random()}`, senderId: person.id, text: '收到', createdAt: at } })
}

/** root → dept → division, sibling; people made "a while ago" so the days below count them as accounts. */
async function city() {
  const tree = await buildTree()
  const longAgo = new Date('2026-01-01T00:00:00Z')
  const a = await buildPerson({ unit: tree.dept })
  const d = await buildPerson({ unit: tree.dept })
  const gone = await buildPerson({ unit: tree.dept, isActive: false })
  const b = await buildPerson({ unit: tree.division })
  const c = await buildPerson({ unit: tree.sibling })
  await db().person.updateMany({ where: { id: { in: [a.id, b.id, c.id, d.id, gone.id] } }, data: { createdAt: longAgo } })
  // b also holds a post in the sibling (兼职): they count once, in their primary post's unit.
  await db().post.create({ data: { personId: b.id, unitId: tree.sibling.id, title: '兼职', isPrimary: false, sortOrder: 1 } })
  return { tree, a, b, c, d, gone }
}

const row = (day: string, unitId: string) => db().metricsUnitDay.findUnique({ where: { day_unitId: { day: new Date(`${day}T00:00:00Z`), unitId } } })

describe('the daily aggregation', () => {
  it('counts accounts, 开通, distinct actives per Beijing day, module use and handling time per step — and a re-run replaces the day', async () => {
    const s = await city()
    const { tree } = s
    await signIn(s.a, '2026-11-02', 9 * 60)
    await signIn(s.a, '2026-11-02', 14 * 60) // twice the same day: one active person
    await signIn(s.a, '2026-11-03', 9 * 60)
    await signIn(s.b, '2026-11-03', 30) // 00:30 Beijing on the 3rd is the 2nd in UTC
    await step(s.c, tree.sibling, '核稿', shanghaiInstant('2026-11-04', 8 * 60), shanghaiInstant('2026-11-04', 14 * 60))
    await step(s.c, tree.sibling, '核稿', shanghaiInstant('2026-11-04', 10 * 60), shanghaiInstant('2026-11-04', 12 * 60))
    await step(s.c, tree.sibling, '签发', shanghaiInstant('2026-11-03', 10 * 60), shanghaiInstant('2026-11-04', 10 * 60))
    await message(s.d, shanghaiInstant('2026-11-04', 16 * 60))
    await message(s.d, shanghaiInstant('2026-11-04', 17 * 60))

    for (const day of ['2026-11-02', '2026-11-03', '2026-11-04']) await aggregateDay(db(), day)

    const dept2 = await row('2026-11-02', tree.dept.id)
    expect(dept2).toMatchObject({ accounts: 2, activated: 1, active: 1 }) // the inactive person is no account
    expect(await row('2026-11-02', tree.division.id)).toMatchObject({ accounts: 1, activated: 0, active: 0 })
    expect(await row('2026-11-03', tree.division.id)).toMatchObject({ accounts: 1, activated: 1, active: 1 })
    expect(await row('2026-11-03', tree.sibling.id)).toMatchObject({ accounts: 1, activated: 0, active: 0 }) // b counts in the division only
    const sibling4 = await row('2026-11-04', tree.sibling.id)
    expect(sibling4).toMatchObject({ active: 1, documentsHandled: 3, stepsHandled: 3, stepSeconds: BigInt((6 + 2 + 24) * 3600) })
    expect(await row('2026-11-04', tree.dept.id)).toMatchObject({ accounts: 2, activated: 1, active: 1, messagesSent: 2 })
    const steps = await db().metricsStepDay.findMany({ where: { unitId: tree.sibling.id }, orderBy: { stepName: 'asc' } })
    expect(steps.map((x) => [x.stepName, x.tasks, Number(x.seconds)])).toEqual([['核稿', 2, 8 * 3600], ['签发', 1, 24 * 3600]])

    // Idempotent: running a day again gives the same rows; a late event is taken in by the re-run.
    await aggregateDay(db(), '2026-11-04')
    expect(await db().metricsUnitDay.count({ where: { day: new Date('2026-11-04T00:00:00Z'), unitId: { in: [tree.dept.id, tree.division.id, tree.sibling.id] } } })).toBe(3)
    expect(await db().metricsActivity.count({ where: { day: new Date('2026-11-04T00:00:00Z'), personId: { in: [s.a.id, s.b.id, s.c.id, s.d.id] } } })).toBe(2)
    await message(s.a, shanghaiInstant('2026-11-04', 18 * 60))
    await aggregateDay(db(), '2026-11-04')
    expect(await row('2026-11-04', tree.dept.id)).toMatchObject({ active: 2, messagesSent: 3 })
    expect(await db().metricsActivity.count({ where: { day: new Date('2026-11-04T00:00:00Z'), personId: { in: [s.a.id, s.b.id, s.c.id, s.d.id] } } })).toBe(3)

    // The dashboard over the whole tree: day buckets, and a week that counts each person once.
    const admin = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['unit.manage'], unit: tree.root }] }))
    const byDay = await metricsDashboard(db(), admin, { period: 'day', to: '2026-11-04' })
    expect(byDay.buckets.slice(-3).map((b) => [b.start, b.accounts, b.activated, b.active])).toEqual([
      ['2026-11-02', 4, 1, 1], ['2026-11-03', 4, 2, 2], ['2026-11-04', 4, 2, 3],
    ])
    const week = await metricsDashboard(db(), admin, { period: 'week', to: '2026-11-04' })
    const current = week.buckets.at(-1)!
    expect(current).toMatchObject({ start: '2026-11-02', end: '2026-11-04', accounts: 4, activated: 2, active: 4, stepsHandled: 3, messagesSent: 3, documentsHandled: 3 })
    expect(current.stepHours).toBeCloseTo(32 / 3, 1)
    expect(week.steps).toEqual([{ name: '核稿', tasks: 2, hours: 4 }, { name: '签发', tasks: 1, hours: 24 }])
    // The ranking compares the root's units, each with its subtree, over the current week.
    expect(week.ranking.map((r) => [r.name, r.accounts, r.activated, r.active, r.activationRate, r.activityRate])).toEqual([
      [tree.dept.name, 3, 2, 3, 66.7, 100], [tree.sibling.name, 1, 0, 1, 0, 100],
    ])
    const month = await metricsDashboard(db(), admin, { period: 'month', to: '2026-11-04' })
    expect(month.buckets).toHaveLength(6)
    expect(month.buckets.at(-1)).toMatchObject({ start: '2026-11-01', active: 4 })

    const charts = metricsCharts(week, { accounts: '账号', activated: '已开通', active: '活跃', activationRate: '开通率', activityRate: '活跃度', hours: '小时', modules: { documentsHandled: '公文', meetingsHeld: '会议', supervisionReports: '督办', messagesSent: '消息', appOpens: '应用' } })
    expect(charts.trend).toContain('<svg')
    expect(charts.activityRanking).toContain(tree.dept.name.slice(0, 3))

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await exportMetrics(db(), admin, { period: 'week', to: '2026-11-04' }, context)).buffer)
    const rankingSheet = workbook.getWorksheet('单位排名')!
    expect(rankingSheet.getRow(2).values).toEqual([undefined, 1, tree.dept.name, 3, 2, 66.7, 3, 100])
    expect(await db().auditEvent.count({ where: { actorId: admin.personId, action: 'metrics.export' } })).toBe(1)
  })

  it('backfills the days never aggregated, then re-runs yesterday and today', async () => {
    await city()
    const now = shanghaiInstant('2026-11-20', 10 * 60)
    await db().metricsRun.deleteMany({ where: { day: { gte: new Date('2026-11-10T00:00:00Z'), lte: new Date('2026-11-20T00:00:00Z') } } })
    await db().metricsRun.createMany({ data: ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-18'].map((d) => ({ day: new Date(`${d}T00:00:00Z`), ranAt: now, ms: 0 })) })
    const { days } = await aggregatePending(db(), now)
    expect(days.filter((d) => d >= '2026-11-10')).toEqual(['2026-11-17', '2026-11-19', '2026-11-20'])
    expect(days[0]! <= '2026-01-01').toBe(true)
    const again = await aggregatePending(db(), now)
    expect(again.days).toEqual(['2026-11-19', '2026-11-20'])
  }, 120_000)
})

describe('weekly and monthly actives (MetricsUnitPeriod)', () => {
  const activeByUnit = (d: { ranking: { name: string; active: number }[] }) => Object.fromEntries(d.ranking.map((r) => [r.name, r.active]))
  const periodRows = async (unitIds: string[]) => {
    const rows = await db().metricsUnitPeriod.findMany({ where: { unitId: { in: unitIds } } })
    const name = new Map(unitIds.map((id, i) => [id, i]))
    return rows.map((r) => `${r.period} ${r.start.toISOString().slice(0, 10)} ${name.get(r.unitId)} ${r.active}`).sort()
  }

  it('counts each person once per week and month, in the unit of their last active day, whatever order the days run in; a re-run takes people out', async () => {
    const s = await city()
    const { tree } = s
    const units = [tree.dept.id, tree.division.id, tree.sibling.id] // 0, 1, 2 below
    // Week of Monday 11-09: a twice, b on Tuesday; c on Sunday 11-15 and Monday 11-16 (the next week);
    // d on 11-30 and 12-01 (one week, Monday 11-30, across two months).
    await signIn(s.a, '2026-11-09', 9 * 60)
    await signIn(s.a, '2026-11-11', 9 * 60)
    await signIn(s.b, '2026-11-10', 9 * 60)
    await signIn(s.c, '2026-11-15', 9 * 60)
    await message(s.c, shanghaiInstant('2026-11-16', 10 * 60))
    await signIn(s.d, '2026-11-30', 9 * 60)
    await signIn(s.d, '2026-12-01', 9 * 60)
    for (const day of ['2026-11-16', '2026-12-01', '2026-11-09', '2026-11-15', '2026-11-30', '2026-11-11', '2026-11-10']) await aggregateDay(db(), day)

    expect(await periodRows(units)).toEqual([
      'MONTH 2026-11-01 0 2', // a, d
      'MONTH 2026-11-01 1 1', // b
      'MONTH 2026-11-01 2 1', // c, on two days
      'MONTH 2026-12-01 0 1', // d
      'WEEK 2026-11-09 0 1',
      'WEEK 2026-11-09 1 1',
      'WEEK 2026-11-09 2 1',
      'WEEK 2026-11-16 2 1',
      'WEEK 2026-11-30 0 1', // d on two days of it
    ].sort())

    const admin = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['unit.manage'], unit: tree.root }] }))
    const week = await metricsDashboard(db(), admin, { period: 'week', to: '2026-12-06' })
    expect(week.buckets.slice(-4).map((b) => [b.start, b.active])).toEqual([['2026-11-09', 3], ['2026-11-16', 1], ['2026-11-23', 0], ['2026-11-30', 1]])
    const month = await metricsDashboard(db(), admin, { period: 'month', to: '2026-12-31' })
    expect(month.buckets.slice(-2).map((b) => [b.start, b.active])).toEqual([['2026-11-01', 4], ['2026-12-01', 1]])
    expect(activeByUnit(month)).toEqual({ [tree.dept.name]: 1, [tree.sibling.name]: 0 })
    const november = await metricsDashboard(db(), admin, { period: 'month', to: '2026-11-30' })
    expect(activeByUnit(november)).toEqual({ [tree.dept.name]: 3, [tree.sibling.name]: 1 })
    // A week cut short by `to` (Monday to Tuesday) counts only its days.
    const cut = await metricsDashboard(db(), admin, { period: 'week', to: '2026-11-10' })
    expect(cut.buckets.at(-1)).toMatchObject({ start: '2026-11-09', end: '2026-11-10', active: 2 })
    expect(activeByUnit(cut)).toEqual({ [tree.dept.name]: 2, [tree.sibling.name]: 0 })

    // b moves to the department (a new primary post) and acts on Thursday: once in the week, in the department.
    await db().post.updateMany({ where: { personId: s.b.id, isPrimary: true }, data: { unitId: tree.dept.id } })
    await message(s.b, shanghaiInstant('2026-11-12', 11 * 60))
    await aggregateDay(db(), '2026-11-12')
    const after = await periodRows(units)
    expect(after).toContain('WEEK 2026-11-09 0 2')
    expect(after.filter((r) => r.startsWith('WEEK 2026-11-09 1'))).toEqual([])
    expect(after).toContain('MONTH 2026-11-01 0 3')
    expect((await metricsDashboard(db(), admin, { period: 'week', to: '2026-11-15' })).buckets.at(-1)).toMatchObject({ start: '2026-11-09', active: 3 })

    // The message of 11-16 is withdrawn (gone from the table): re-running the day takes c out of that week.
    await db().message.deleteMany({ where: { senderId: s.c.id } })
    await aggregateDay(db(), '2026-11-16')
    const rerun = await periodRows(units)
    expect(rerun.filter((r) => r.startsWith('WEEK 2026-11-16'))).toEqual([])
    expect(rerun).toContain('MONTH 2026-11-01 2 1') // still active on the 15th
    // Idempotent: the same day again changes nothing.
    await aggregateDay(db(), '2026-11-16')
    expect(await periodRows(units)).toEqual(rerun)
  })
})

describe('who sees which units', () => {
  it('a unit admin sees their units only, a leader their 分管 units, others nothing', async () => {
    const s = await city()
    const { tree } = s
    await signIn(s.c, '2026-11-05', 9 * 60)
    await aggregateDay(db(), '2026-11-05')
    const unitAdmin = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['unit.manage'], unit: tree.dept }] }))
    const scope = await metricsScope(db(), unitAdmin)
    expect(scope.roots.map((r) => r.id)).toEqual([tree.dept.id])
    const view = await metricsDashboard(db(), unitAdmin, { period: 'day', to: '2026-11-05' })
    expect(view.ranking.map((r) => r.unitId)).toEqual([tree.division.id])
    expect(view.buckets.at(-1)).toMatchObject({ accounts: 3, active: 0 }) // c (the sibling) is not theirs
    await expectAppError(metricsDashboard(db(), unitAdmin, { unitId: tree.sibling.id }), 'not_found')
    await expectAppError(metricsDashboard(db(), unitAdmin, { unitId: tree.root.id }), 'not_found')
    expect((await metricsDashboard(db(), unitAdmin, { unitId: tree.division.id, to: '2026-11-05' })).buckets.at(-1)).toMatchObject({ accounts: 1 })
    await expectAppError(exportMetrics(db(), unitAdmin, { unitId: tree.sibling.id }, context), 'not_found')

    const leaderPerson = await buildPerson({ unit: tree.root, leaderRank: 'DEPUTY' })
    await db().leaderCharge.create({ data: { personId: leaderPerson.id, unitId: tree.sibling.id } })
    const leader = await actorFor(leaderPerson)
    const led = await metricsDashboard(db(), leader, { period: 'day', to: '2026-11-05' })
    expect(led.scope.map((u) => u.id)).toEqual([tree.sibling.id])
    expect(led.ranking.map((r) => [r.unitId, r.active])).toEqual([[tree.sibling.id, 1]])
    await expectAppError(metricsDashboard(db(), leader, { unitId: tree.dept.id }), 'not_found')

    // A grant without subunits covers the unit alone.
    const narrow = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['metrics.view'], unit: tree.dept, includesSubunits: false }] }))
    expect((await metricsDashboard(db(), narrow, { to: '2026-11-05' })).buckets.at(-1)).toMatchObject({ accounts: 2 })

    const security = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['security.manage'], unit: tree.root }] }))
    expect((await metricsScope(db(), security)).roots.map((r) => r.id)).toEqual([tree.root.id])

    const clerk = await actorFor(s.a)
    await expectAppError(metricsDashboard(db(), clerk), 'not_found')
    const other = await actorFor(await buildPerson({ unit: await buildUnit(), grants: [{ permissions: ['notice.send'], unit: tree.root }] }))
    await expectAppError(metricsDashboard(db(), other), 'not_found')
  })
})
