import type { Tx } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { hashPassword } from '../auth/index.ts'
import { nameKeys } from '../directory/index.ts'
import { nextSequence } from '../documents/index.ts'
import { insertCollection } from './create-collection.ts'
import { periodAt, periodDeadline, periodLabel } from './periods.ts'
import { finishFillWork, giveReviewWork } from './work.ts'
import type { Definition } from './definition.ts'

type Seeded = { personIds: Map<string, string>; unitIds: Map<string, string>; roleIds: Map<string, string>; password: string }

export const demoDefinition: Definition = {
  sections: [
    { title: '基本情况', fields: [
      { key: 'revenue', label: '本月一般公共预算收入', type: 'number', required: true, help: '按快报数填写', measure: '万元', min: 0, integer: false },
      { key: 'staff', label: '在岗人数', type: 'number', required: true, help: '', measure: '人', min: 0, max: 5000, integer: true },
      { key: 'progress', label: '重点工作进度', type: 'choice', required: true, help: '', options: ['超前', '正常', '滞后'], measure: '', integer: false },
      { key: 'note', label: '情况说明', type: 'longText', required: false, help: '滞后的请说明原因和措施', measure: '', integer: false },
    ] },
    { title: '重点项目', fields: [
      { key: 'projects', label: '重点项目明细', type: 'table', required: true, help: '每个项目一行', measure: '', integer: false, columns: [
        { key: 'name', label: '项目名称', type: 'text', required: true, help: '', measure: '', integer: false },
        { key: 'invested', label: '本月完成投资', type: 'number', required: true, help: '', measure: '万元', min: 0, integer: false },
        { key: 'stage', label: '阶段', type: 'choice', required: false, help: '', options: ['前期', '在建', '竣工'], measure: '', integer: false },
      ] },
    ] },
  ],
}

/**
 * Demo data collection and bulletins: 李娜 (`drafter2`, 市政府办公室秘书科) collects for the city
 * government office (report-collector). Three units report monthly on 经济运行月报: 财政局 (filled by the
 * new `finclerk` 周晓燕, reviewed by `finhead`) has submitted, 发改委 (`ndrcclerk` 吴浩, reviewer
 * `ndrchead`) waits for review, 区府办 (`dpclerk`, reviewer `dphead`) has not started. Units have sent
 * news items; two are adopted and one issue of 政务信息 is compiled.
 */
export async function seedReportingDemo(tx: Tx, s: Seeded): Promise<void> {
  const now = clock.now()
  const unit = (k: string) => s.unitIds.get(k)!
  const person = (a: string) => s.personIds.get(a)!
  const grant = (personId: string, role: string, unitKey: string) => tx.roleGrant.create({ data: { personId, roleId: s.roleIds.get(role)!, unitId: unit(unitKey), includesSubunits: role === 'report-collector' } })
  const newPerson = async (account: string, name: string, phone: string, unitKey: string, title: string, sortOrder: number) => {
    const p = await tx.person.create({ data: { account, name, ...nameKeys(name), phone, email: `${account}@taihe.gov.cn`, passwordHash: await hashPassword(s.password), passwordChangedAt: now, sortOrder } })
    await tx.post.create({ data: { personId: p.id, unitId: unit(unitKey), title, isPrimary: true } })
    return p.id
  }
  const finclerk = await newPerson('finclerk', '周晓燕', '13900002031', 'finance', '统计员', 910)
  const ndrcclerk = await newPerson('ndrcclerk', '吴浩', '13900002032', 'ndrc', '统计员', 911)
  await grant(person('drafter2'), 'report-collector', 'office')
  await grant(finclerk, 'report-filler', 'finance')
  await grant(person('finhead'), 'report-reviewer', 'finance')
  await grant(ndrcclerk, 'report-filler', 'ndrc')
  await grant(person('ndrchead'), 'report-reviewer', 'ndrc')
  await grant(person('dpclerk'), 'report-filler', 'dongping.office')
  await grant(person('dphead'), 'report-reviewer', 'dongping.office')

  const collector = person('drafter2')
  const template = await tx.reportTemplate.create({ data: { ownerUnitId: unit('office'), name: '经济运行月报', createdById: collector, createdAt: new Date(now.getTime() - days(40)) } })
  const version = await tx.reportTemplateVersion.create({ data: { templateId: template.id, version: 1, definition: demoDefinition, createdById: collector, createdAt: template.createdAt } })
  const unitIds = ['finance', 'ndrc', 'dongping.office'].map(unit)
  const series = await tx.reportSeries.create({ data: { versionId: version.id, ownerUnitId: unit('office'), title: '经济运行月报', cycle: 'MONTHLY', unitIds, deadlineDays: 5, createdById: collector, createdAt: template.createdAt } })
  const period = periodAt('MONTHLY', now)
  const collectionId = (await insertCollection(tx, {
    versionId: version.id, ownerUnitId: unit('office'), title: `经济运行月报（${periodLabel(period.key)}）`, deadline: periodDeadline(period, 5),
    createdById: collector, seriesId: series.id, period: period.key, unitIds, now,
  }))!
  const subs = await tx.reportSubmission.findMany({ where: { collectionId }, select: { id: true, unitId: true, round: true } })
  const sub = (k: string) => subs.find((x) => x.unitId === unit(k))!
  const collection = { title: `经济运行月报（${periodLabel(period.key)}）`, deadline: periodDeadline(period, 5) }
  await tx.reportSubmission.update({ where: { id: sub('finance').id }, data: {
    status: 'SUBMITTED', submittedAt: now, reviewedById: person('finhead'), editedById: finclerk, updatedAt: now, revision: 3,
    values: { revenue: 18650.5, staff: 126, progress: '正常', projects: [{ name: '城东污水处理厂', invested: 1200, stage: '在建' }, { name: '智慧财政平台', invested: 350, stage: '在建' }] },
  } })
  await finishFillWork(tx, sub('finance'))
  await tx.reportSubmission.update({ where: { id: sub('ndrc').id }, data: {
    status: 'PENDING_REVIEW', editedById: ndrcclerk, updatedAt: now, revision: 2,
    values: { revenue: 0, staff: 88, progress: '滞后', note: '两个项目用地手续在办', projects: [{ name: '高新区标准厂房', invested: 2600, stage: '在建' }, { name: '物流园二期', invested: 0, stage: '前期' }] },
  } })
  await finishFillWork(tx, sub('ndrc'))
  await giveReviewWork(tx, sub('ndrc'), collection, '发改委 · 吴浩')

  // Bulletins: four items to the office, two adopted, one issue compiled and drafted as a document.
  const items = [
    { unit: 'finance', author: finclerk, title: '市财政局推动直达资金惠企利民', body: '市财政局建立直达资金监控台账，前三季度直达资金支出进度达 92%。', adopt: 3 },
    { unit: 'ndrc', author: ndrcclerk, title: '市发改委“一项目一专班”推进重点项目', body: '市发改委对 32 个重点项目实行专班推进，开工率同比提高 11 个百分点。', adopt: 2 },
    { unit: 'dongping.office', author: person('dpclerk'), title: '东平区开展冬季安全生产大检查', body: '东平区组织 12 个检查组开展冬季安全生产大检查，排查隐患 146 处。', adopt: 0 },
    { unit: 'ndrc', author: ndrcclerk, title: '市发改委召开价格监测工作会议', body: '会议部署了节前重要民生商品价格监测工作。', adopt: -1 },
  ]
  const year = Number(period.key.slice(0, 4))
  const sequence = await nextSequence(tx, `bulletin:${unit('office')}:政务信息`, year)
  const title = `政务信息（${year}年第${sequence}期）`
  // The demo's issued document is a plain draft row (the seed runs in one transaction; createDocument opens its own).
  const doc = await tx.document.create({ data: { direction: 'OUTGOING', kind: 'CIRCULAR', title, organId: unit('office'), unitId: unit('office.secretariat'), createdById: collector, mainRecipients: '各有关单位', createdAt: now } })
  const issue = await tx.bulletinIssue.create({ data: { officeUnitId: unit('office'), year, sequence: sequence, title, documentId: doc.id, createdById: collector, createdAt: now } })
  for (const [i, it] of items.entries()) {
    await tx.bulletinItem.create({ data: {
      officeUnitId: unit('office'), unitId: unit(it.unit), authorId: it.author, title: it.title, body: it.body, submittedAt: new Date(now.getTime() - days(10 - i)),
      status: it.adopt > 0 ? 'ADOPTED' : it.adopt === 0 ? 'SUBMITTED' : 'NOT_ADOPTED', score: Math.max(0, it.adopt), issueId: i === 0 ? issue.id : null,
    } })
  }
}
