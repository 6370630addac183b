import type { Tx } from '../core/db/index.ts'
import { addDays, dayKindOf, fromShanghai, shanghaiDate, yearOf } from '../core/clock.ts'
import { officialDaysFor, recordLeaveUnavailability } from '../duty/index.ts'
import { approvalChain, organisationOf, pickOrgan, type ChainStep } from './approval-chain.ts'
import { countHalfDays, leaveInstants, type LeavePeriod } from './workdays.ts'
import { leaveStepItem, leaveUrl } from './leave-inbox.ts'
import { createInboxItems } from '../inbox/index.ts'
import { leaveSource } from './decide-leave.ts'
import type { LeaveTypeName } from './schemas.ts'

type DemoIds = { unitIds: Map<string, string>; personIds: Map<string, string>; roleIds: Map<string, string>; now: Date }

/**
 * Demo personal affairs: 周文斌 (secgen) is the office (leave-office) of 市政府办公室 and 马强 (dphead) of
 * 东平区政府; everyone has annual leave for the year; 钱国栋 (finhead) is on sick leave today (请假中 in the
 * directory); 张伟 (drafter) waits for 吴明 (head) on a day of personal leave next week; 李娜 (drafter2)
 * asked for five days of annual leave, approved by head and waiting for secgen (the office: over 3 days);
 * 林晓 (dpclerk)'s was rejected; drafter2 and drafter carried days over from last year; and drafter has a weekly 科室例会 and a reminder in his own calendar.
 */
export async function seedPersonalDemo(tx: Tx, ids: DemoIds): Promise<void> {
  const person = (a: string) => ids.personIds.get(a)!
  await tx.roleGrant.create({ data: { personId: person('secgen'), roleId: ids.roleIds.get('leave-office')!, unitId: ids.unitIds.get('office')! } })
  await tx.roleGrant.create({ data: { personId: person('dphead'), roleId: ids.roleIds.get('leave-office')!, unitId: ids.unitIds.get('dongping')! } })
  const today = shanghaiDate(ids.now)
  const year = yearOf(today)
  const official = await officialDaysFor(tx, [year]).catch(() => null)
  if (!official) return // a year nobody entered: no leave can be counted
  await tx.leaveBalance.createMany({ data: [...ids.personIds.values()].map((personId, i) => ({ personId, year, entitledHalfDays: [10, 20, 30][i % 3]! })), skipDuplicates: true })
  // Unused days of last year carried over (the office page, /personal/leave/office): 李娜 2 days, 张伟 half a day.
  await tx.leaveBalance.updateMany({ where: { year, personId: person('drafter2') }, data: { carriedHalfDays: 4 } })
  await tx.leaveBalance.updateMany({ where: { year, personId: person('drafter') }, data: { carriedHalfDays: 1 } })

  const workdayFrom = (date: string, n: number) => {
    let d = date
    for (let found = 0; ; d = addDays(d, 1)) if (dayKindOf(d, official) === 'workday' && ++found > n) return d
  }
  const names = new Map((await tx.person.findMany({ where: { id: { in: [...ids.personIds.values()] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  async function leave(account: string, type: LeaveTypeName, period: LeavePeriod, reason: string, state: { approvedSteps: number; rejected?: string }) {
    if (yearOf(period.endDate) !== year) return
    const personId = person(account)
    const post = await tx.post.findFirstOrThrow({ where: { personId }, orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }], select: { unit: { select: { id: true, path: true } } } })
    const units = await organisationOf(tx, post.unit)
    const organ = pickOrgan(units)
    const halfDays = countHalfDays(period, official!)
    const steps: ChainStep[] = await approvalChain(tx, personId, units, organ, halfDays)
    const approved = Math.min(state.approvedSteps, steps.length)
    const status = state.rejected ? 'REJECTED' : approved === steps.length ? 'APPROVED' : 'PENDING'
    const row = await tx.leaveRequest.create({
      data: { personId, unitId: post.unit.id, organId: organ.id, approverIds: steps.map((s) => s.approverId), type, ...period, ...leaveInstants(period), halfDays, year, reason, steps, stepIndex: status === 'PENDING' ? approved : steps.length - 1, status, decidedAt: status === 'PENDING' ? null : ids.now, createdAt: ids.now },
    })
    const decided = state.rejected ? steps.slice(0, approved + 1) : steps.slice(0, approved)
    await tx.leaveDecision.createMany({ data: decided.map((s, i) => ({ requestId: row.id, stepIndex: i, approverId: s.approverId, approverName: s.approverName, isApproved: !(state.rejected && i === approved), comment: state.rejected && i === approved ? state.rejected : '同意', decidedAt: ids.now })) })
    if (status === 'PENDING') await createInboxItems(tx, [leaveStepItem(row, approved, names.get(personId) ?? '', post.unit.id)])
    if (status === 'APPROVED') {
      await recordLeaveUnavailability(tx, { source: leaveSource(row.id), personId, startsAt: row.startsAt, endsAt: row.endsAt, note: `请假 ${row.startDate}—${row.endDate}`, createdById: steps.at(-1)!.approverId })
      await createInboxItems(tx, [{ personId, kind: 'TO_READ', module: 'leave', objectType: 'LeaveRequest', objectId: `${row.id}:approved`, title: `请假已批准：${row.startDate}—${row.endDate}，可设置委托办理`, url: leaveUrl(row.id) }])
    }
  }
  await leave('finhead', 'SICK', { startDate: today, startHalf: 'AM', endDate: addDays(today, 2), endHalf: 'PM' }, '感冒发烧，医院建议休息', { approvedSteps: 9 })
  const nextWeek = workdayFrom(addDays(today, 7), 0)
  await leave('drafter', 'PERSONAL', { startDate: nextWeek, startHalf: 'AM', endDate: nextWeek, endHalf: 'PM' }, '家中有事', { approvedSteps: 0 })
  const later = workdayFrom(addDays(today, 10), 0)
  await leave('drafter2', 'ANNUAL', { startDate: later, startHalf: 'AM', endDate: workdayFrom(later, 4), endHalf: 'PM' }, '回老家探亲', { approvedSteps: 1 })
  await leave('dpclerk', 'PERSONAL', { startDate: nextWeek, startHalf: 'PM', endDate: nextWeek, endHalf: 'PM' }, '办理私事', { approvedSteps: 0, rejected: '当日有重要会议，请改期' })

  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7))
  await tx.calendarEntry.createMany({
    data: [
      { personId: person('drafter'), title: '科室例会', startsAt: fromShanghai(monday, '09:00'), endsAt: fromShanghai(monday, '09:30'), location: '秘书科会议室', recurrence: 'FREQ=WEEKLY;BYDAY=MO', repeatsUntil: null },
      { personId: person('drafter'), title: '体检', startsAt: fromShanghai(addDays(today, 1), '08:00'), endsAt: fromShanghai(addDays(today, 1), '10:00'), repeatsUntil: fromShanghai(addDays(today, 1), '10:00'), location: '市人民医院', notes: '空腹', remindMinutes: 60, nextRemindAt: fromShanghai(addDays(today, 1), '07:00') },
      { personId: person('head'), title: '年度述职材料准备', startsAt: fromShanghai(addDays(today, 2)), endsAt: fromShanghai(addDays(today, 3)), isAllDay: true, repeatsUntil: fromShanghai(addDays(today, 3)) },
    ],
  })
}
