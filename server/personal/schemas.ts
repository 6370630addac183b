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

/** Days of annual leave, in halves (5, 7.5). */
const leaveDays = (max: number) => z.coerce.number({ error: (issue) => (issue.code === 'invalid_type' ? 'leave_days' : undefined) }).min(0).max(max).refine((d) => Number.isInteger(d * 2), 'leave_half_days')

export const entitlementInput = z.object({
  personId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
  days: leaveDays(60),
  /** Unused days carried over from the year before (跨年度安排); left as they are when not given. */
  carriedDays: leaveDays(60).optional(),
  /** The row's revision as the office page showed it (null: it had none); not given, the save is unconditional. */
  revision: z.number().int().min(0).nullable().optional(),
})

/**
 * 按单位批量设置: every active person whose main post is in the unit (and, if asked, the units below it)
 * gets this year's entitlement, and/or the days they did not use last year carried over up to a cap.
 */
export const bulkEntitlementInput = z.object({
  unitId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
  includeSubunits: z.boolean().default(true),
  days: leaveDays(60).nullable().default(null),
  carryOverMaxDays: leaveDays(60).nullable().default(null),
}).refine((f) => f.days !== null || f.carryOverMaxDays !== null, { message: 'leave_bulk_nothing', path: ['days'] })

/** A step of an organisation's leave template: who approves, and from what length on. */
export const leaveRuleStep = z.object({
  role: z.enum(['DIVISION_HEAD', 'OFFICE']),
  /** The step applies only to leave longer than this many working days. */
  overDays: z.number().min(0).max(365).refine((d) => Number.isInteger(d * 2), 'leave_half_days').optional(),
})
export const leaveRuleInput = z.object({
  unitId: z.uuid(),
  steps: z.array(leaveRuleStep).min(1).max(5).refine((steps) => steps.some((s) => s.overDays === undefined || s.overDays === 0), 'leave_rule_needs_base'),
  /** The rule's revision as the page showed it (null: the organisation had none); not given, the save is unconditional. */
  revision: z.number().int().min(0).nullable().optional(),
})

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
