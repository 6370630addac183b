import type { Tx } from '../core/db/index.ts'
import { addDays, clock, days, endOfShanghaiDay, shanghaiDate } from '../core/clock.ts'
import { hashPassword } from '../auth/index.ts'
import { nameKeys, uuidv7 } from '../directory/index.ts'
import { quarterOf, ratingPeriodBounds } from './rating-period.ts'

type Seeded = { personIds: Map<string, string>; unitIds: Map<string, string>; roleIds: Map<string, string>; password: string }

/**
 * The demo city's supervision office (市政府督查室): an officer (`supervisor`) and a few items across
 * units in all three lights, so the demo accounts can walk the module: the officer reviews and urges,
 * `ndrchead` (发改委) owns a red item, `finhead` (财政局) has a completed one, `deputy` is in charge.
 */
export async function seedSupervisionDemo(tx: Tx, s: Seeded): Promise<void> {
  const now = clock.now()
  const today = shanghaiDate(now)
  const officeUnitId = s.unitIds.get('supervision')!
  const supervisor = await tx.person.create({
    data: { account: 'supervisor', name: '丁慧敏', ...nameKeys('丁慧敏'), phone: '13900002026', email: 'supervisor@taihe.gov.cn', passwordHash: await hashPassword(s.password), passwordChangedAt: now, sortOrder: 900 },
  })
  await tx.post.create({ data: { personId: supervisor.id, unitId: officeUnitId, title: '督查专员', isPrimary: true } })
  await tx.roleGrant.create({ data: { personId: supervisor.id, roleId: s.roleIds.get('supervision-office')!, unitId: officeUnitId } })
  const memberOf = async (unitKey: string) => (await tx.post.findFirst({ where: { unitId: s.unitIds.get(unitKey)!, leaderRank: 'NONE' }, select: { personId: true } }))?.personId ?? s.personIds.get('ndrchead')!

  type Plan = { title: string; source: 'ASSIGNED_FROM_ABOVE' | 'LEADER_INSTRUCTION' | 'KEY_WORK' | 'DEPUTY_SUGGESTION' | 'COMMITTEE_PROPOSAL'; sourceNumber?: string; lead: string; co?: string[]; owner?: string; dueIn: number; progress: number; completed?: boolean; rating?: string; requirement: string; cycle?: 'WEEKLY' | 'MONTHLY'; indicator?: { name: string; measure: string; target: number; current: number } }
  const plans: Plan[] = [
    { title: '推进老旧小区改造和城市更新项目建设', source: 'ASSIGNED_FROM_ABOVE', sourceNumber: '省政办发〔2026〕18号', lead: 'housing', co: ['resources'], dueIn: 40, progress: 45, requirement: '年底前完成 32 个老旧小区改造开工，按月报送进展。', cycle: 'MONTHLY', indicator: { name: '开工小区', measure: '个', target: 32, current: 14 } },
    { title: '做好今冬明春安全生产和森林防火工作', source: 'LEADER_INSTRUCTION', lead: 'emergency', dueIn: 2, progress: 60, requirement: '陈建国批示：请应急管理局牵头，开展隐患排查，每周报送情况。', cycle: 'WEEKLY' },
    { title: '落实优化营商环境十条措施', source: 'KEY_WORK', lead: 'ndrc', co: ['finance'], owner: 'ndrchead', dueIn: -3, progress: 70, requirement: '逐条细化责任分工，形成落实台账。', indicator: { name: '措施落实', measure: '条', target: 10, current: 7 } },
    { title: '关于加强中小学课后服务的提案', source: 'COMMITTEE_PROPOSAL', sourceNumber: '政协提案第 2026-047 号', lead: 'education', dueIn: 25, progress: 0, requirement: '研究办理并于期限前答复提案人。' },
    { title: '关于完善财政资金直达机制的建议', source: 'DEPUTY_SUGGESTION', sourceNumber: '人大建议第 2026-015 号', lead: 'finance', owner: 'finhead', dueIn: -10, progress: 100, completed: true, rating: 'EXCELLENT', requirement: '按时答复代表，答复满意率不低于 95%。' },
  ]
  for (const p of plans) {
    const id = uuidv7()
    const deadline = endOfShanghaiDay(addDays(today, p.dueIn))
    const completedAt = p.completed ? new Date(deadline.getTime() - days(2)) : null
    await tx.supervisionItem.create({
      data: {
        id, path: `/${id}/`, officeUnitId, leadUnitId: s.unitIds.get(p.lead)!, createdById: supervisor.id, supervisorId: supervisor.id, source: p.source, sourceNumber: p.sourceNumber ?? '',
        title: p.title, requirement: p.requirement, category: p.source === 'KEY_WORK' ? '重点工作' : '', deadline, cycle: p.cycle ?? 'FREE',
        nextReportDueAt: p.cycle && !p.completed ? endOfShanghaiDay(addDays(today, p.cycle === 'WEEKLY' ? 3 : 20)) : null,
        status: p.completed ? 'COMPLETED' : 'IN_PROGRESS', progress: p.progress, completedAt, rating: p.rating ?? null, createdAt: new Date(now.getTime() - days(30)),
        ...(p.indicator ? { indicators: { create: [{ name: p.indicator.name, measure: p.indicator.measure, baseline: 0, target: p.indicator.target, current: p.indicator.current }] } } : {}),
      },
    })
    const pending = p.source === 'COMMITTEE_PROPOSAL'
    const owner = p.owner ? s.personIds.get(p.owner)! : await memberOf(p.lead)
    await tx.supervisionAssignment.create({ data: { itemId: id, unitId: s.unitIds.get(p.lead)!, role: 'LEAD', status: pending ? 'PENDING' : 'ACCEPTED', ownerId: pending ? null : owner, acceptedAt: pending ? null : new Date(now.getTime() - days(29)) } })
    for (const co of p.co ?? []) {
      await tx.supervisionAssignment.create({ data: { itemId: id, unitId: s.unitIds.get(co)!, role: 'CO', status: 'ACCEPTED', ownerId: co === 'finance' ? s.personIds.get('finhead')! : await memberOf(co), acceptedAt: new Date(now.getTime() - days(29)) } })
    }
    await tx.supervisionEvent.create({ data: { itemId: id, actorId: supervisor.id, action: 'CREATED', details: { source: p.source }, at: new Date(now.getTime() - days(30)) } })
    if (p.progress > 0) {
      await tx.supervisionReport.create({ data: { itemId: id, authorId: owner, unitId: s.unitIds.get(p.lead)!, officeUnitId, text: '已按要求推进，完成阶段性任务。', percent: p.progress, createdAt: new Date(now.getTime() - days(5)) } })
      await tx.supervisionEvent.create({ data: { itemId: id, actorId: owner, action: 'REPORTED', details: { percent: p.progress }, at: new Date(now.getTime() - days(5)) } })
    }
  }
  // 单位评价 for the quarter: shown in the rankings and on each unit's page (/supervision/units/<id>).
  const period = quarterOf(now)
  const bounds = ratingPeriodBounds(period)!
  for (const [unit, score, comment] of [['finance', 93, '答复及时，办理质量高。'], ['ndrc', 78, '营商环境措施推进偏慢，需加快进度。']] as const) {
    await tx.supervisionUnitRating.create({ data: { officeUnitId, unitId: s.unitIds.get(unit)!, period, periodStart: bounds.start, periodEnd: bounds.end, score, comment, ratedById: supervisor.id, ratedAt: now } })
  }
}
