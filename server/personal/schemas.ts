import { z } from 'zod'
import { isDateKey } from '../core/clock.ts'
import { plainText } from '../core/text.ts'

const date = z.string().refine(isDateKey, 'validation.invalid')

export const leaveTypes = ['ANNUAL', 'SICK', 'PERSONAL', 'BUSINESS_TRIP', 'TRAINING', 'MARRIAGE', 'MATERNITY', 'BEREAVEMENT'] as const
export type LeaveTypeName = (typeof leaveTypes)[number]
export const halfDays = ['AM', 'PM'] as const

export const leaveInput = z.object({
  type: z.enum(leaveTypes),
  startDate: date,
  startHalf: z.enum(halfDays).default('AM'),
  endDate: date,
  endHalf: z.enum(halfDays).default('PM'),
  reason: plainText(500).min(1),
})
export type LeaveInput = z.input<typeof leaveInput>

export const decideLeaveInput = z.object({
  revision: z.coerce.number().int().min(0),
  approve: z.boolean(),
  comment: plainText(500).default(''),
})

export const cancelLeaveInput = z.object({ revision: z.coerce.number().int().min(0) })

export const entitlementInput = z.object({
  personId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
  /** Days, in halves (5, 7.5). */
  days: z.coerce.number().min(0).max(60).refine((d) => Number.isInteger(d * 2), 'validation.invalid'),
})

/** A step of an organisation's leave template: who approves, and from what length on. */
export const leaveRuleStep = z.object({
  role: z.enum(['DIVISION_HEAD', 'OFFICE']),
  /** The step applies only to leave longer than this many working days. */
  overDays: z.number().min(0).max(365).optional(),
})
export const leaveRuleInput = z.object({ unitId: z.uuid(), steps: z.array(leaveRuleStep).min(1).max(5) })

const instant = z.coerce.date()
export const calendarEntryInput = z.object({
  title: plainText(200).min(1),
  startsAt: instant,
  endsAt: instant,
  isAllDay: z.boolean().default(false),
  location: plainText(200).default(''),
  notes: plainText(2000).default(''),
  /** RRULE without DTSTART (FREQ=WEEKLY;BYDAY=MO), or empty. */
  recurrence: plainText(200).default(''),
  /** Minutes before the start to remind, or none. */
  remindMinutes: z.coerce.number().int().min(0).max(10080).nullable().default(null),
})
export type CalendarEntryInput = z.input<typeof calendarEntryInput>
export const updateEntryInput = calendarEntryInput.extend({ revision: z.coerce.number().int().min(0) })

export const calendarRangeInput = z.object({ from: date, to: date })
