import type { Tx } from '../core/db/index.ts'
import { monthBounds, shanghaiDate, yearOf } from '../core/clock.ts'
import { ensureOfficialCalendar } from './calendar.ts'
import { fillRoster } from './generate-roster.ts'
import { defaultDutySettings } from './settings.ts'

type DemoIds = { unitIds: Map<string, string>; personIds: Map<string, string>; roleIds: Map<string, string>; now: Date }

const DAY = { name: '白班', startMinute: 8 * 60 + 30, durationMinutes: 9 * 60, appliesOn: 'OFF_DAYS' } as const
const NIGHT = { name: '夜班', startMinute: 17 * 60 + 30, durationMinutes: 15 * 60, appliesOn: 'ALL' } as const

/**
 * Demo duty: the city government office's general duty (市政府总值班) with the deputy mayors and the
 * secretary-general as leaders on duty and the office's staff as duty officers, and the district
 * office's own duty; a published roster of the current month for each (the district's filed with the
 * city, 报备), so the board shows someone today. 吴明 (head) manages the city's duty, 马强 (dphead) the
 * district's; 周文斌 (secgen) is the upper duty office over the district; 李思远 (admin) and 吴明 keep
 * the holiday calendar.
 */
export async function seedDutyDemo(tx: Tx, ids: DemoIds): Promise<void> {
  await ensureOfficialCalendar(tx)
  const grant = (account: string, role: string, unit: string) =>
    tx.roleGrant.create({ data: { personId: ids.personIds.get(account)!, roleId: ids.roleIds.get(role)!, unitId: ids.unitIds.get(unit)! } })
  await grant('head', 'duty-manager', 'office')
  await grant('dphead', 'duty-manager', 'dongping.office')
  await grant('secgen', 'duty-office', 'city')
  await grant('admin', 'calendar-keeper', 'city')
  await grant('head', 'calendar-keeper', 'city')
  // 东平区's duty office set its own scheduling settings (/duty/settings): a shorter rest after a night, nights
  // weigh more; the city's office follows the defaults.
  await tx.dutyUnitSettings.create({ data: {
    unitId: ids.unitIds.get('dongping.office')!, updatedById: ids.personIds.get('dphead')!,
    value: { ...defaultDutySettings, restAfterNightHours: 12, weights: { ...defaultDutySettings.weights, night: 2 } },
  } })

  const staffOf = async (unitKeys: string[]) => {
    const posts = await tx.post.findMany({
      where: { unitId: { in: unitKeys.map((k) => ids.unitIds.get(k)!) }, leaderRank: 'NONE', person: { isActive: true, account: { notIn: ['admin', 'secadmin', 'auditor'] } } },
      select: { personId: true }, orderBy: { personId: 'asc' },
    })
    return [...new Set(posts.map((p) => p.personId))]
  }
  const people = (accounts: string[]) => accounts.map((a) => ids.personIds.get(a)!)
  const cityLeaders = people(['deputy', 'deputy2', 'deputy3', 'secgen'])
  const cityOfficers = [...new Set([...people(['head', 'drafter', 'drafter2', 'clerk']), ...(await staffOf(['office', 'office.secretariat', 'office.general', 'office.registry']))])]
  const districtLeaders = people(['dpdeputy', 'dphead'])
  const districtOfficers = [...new Set([...people(['dpclerk']), ...(await staffOf(['dongping.office', 'dongping.emergency']))])]

  const month = shanghaiDate(ids.now).slice(0, 7)
  const { start, end } = monthBounds(month)
  const hasCalendar = await tx.dutyCalendarYear.findUnique({ where: { year: yearOf(start) } })
  const createdById = ids.personIds.get('head')!
  for (const post of [
    { unit: 'office', name: '市政府总值班', phone: '0791-12345', leaders: cityLeaders, officers: cityOfficers, filed: false },
    { unit: 'dongping.office', name: '区政府总值班', phone: '0791-23456', leaders: districtLeaders, officers: districtOfficers, filed: true },
  ]) {
    const row = await tx.dutyPost.create({ data: { unitId: ids.unitIds.get(post.unit)!, name: post.name, phone: post.phone } })
    for (const [i, pattern] of [DAY, NIGHT].entries()) {
      const p = await tx.dutyShiftPattern.create({ data: { ...pattern, postId: row.id, sortOrder: i } })
      const leader = await tx.dutyShiftRole.create({ data: { patternId: p.id, name: '带班领导', count: 1, isLeader: true, sortOrder: 0 } })
      const officer = await tx.dutyShiftRole.create({ data: { patternId: p.id, name: '值班员', count: 1, sortOrder: 1 } })
      await tx.dutyEligibility.createMany({ data: [...post.leaders.map((personId) => ({ roleId: leader.id, personId })), ...post.officers.map((personId) => ({ roleId: officer.id, personId }))] })
    }
    if (!hasCalendar) continue // a year without an official calendar: no roster (the page says so)
    const roster = await tx.dutyRoster.create({ data: { postId: row.id, startDate: start, endDate: end, createdById } })
    await fillRoster(tx, roster)
    await tx.dutyRoster.update({ where: { id: roster.id }, data: { status: 'PUBLISHED', generatedAt: ids.now, publishedAt: ids.now, filedAt: post.filed ? ids.now : null, revision: 2 } })
  }
}
