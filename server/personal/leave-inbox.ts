import type { NewInboxItem } from '../inbox/index.ts'
import type { ChainStep } from './approval-chain.ts'
import { asDays } from './workdays.ts'

export const LEAVE_OBJECT = 'LeaveRequest'
export const leaveUrl = (id: string) => `/personal/leave/${id}`

/** The 待办 of one approval step: one item per step, so a later step is new work for its approver. */
export function leaveStepItem(leave: { id: string; steps: unknown; startDate: string; endDate: string; halfDays: number }, stepIndex: number, applicantName: string, unitId: string): NewInboxItem {
  const step = (leave.steps as ChainStep[])[stepIndex]!
  return {
    personId: step.approverId, kind: 'TODO', module: 'leave', objectType: LEAVE_OBJECT, objectId: `${leave.id}:${stepIndex}`,
    title: `请假审批：${applicantName} ${leave.startDate}—${leave.endDate}（${asDays(leave.halfDays)}天）`, source: applicantName, url: leaveUrl(leave.id), unitId,
  }
}
