import { z } from 'zod'
import { daysBetween, isDateKey } from '../core/clock.ts'

/** A roster covers at most two months (a month, a holiday period). */
export const MAX_ROSTER_DAYS = 62
import { plainText } from '../core/text.ts'

export const dateKey = z.string().refine(isDateKey, { message: 'date' })

export const calendarYearInput = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  notice: plainText(200).optional(),
  days: z.array(z.object({ date: dateKey, kind: z.enum(['HOLIDAY', 'WORKDAY']), name: plainText(20).pipe(z.string().min(1)) })).max(120),
})
export type CalendarYearInput = z.input<typeof calendarYearInput>

const roleInput = z.object({
  id: z.uuid().optional(),
  name: plainText(20).pipe(z.string().min(1)),
  count: z.coerce.number().int().min(1).max(20),
  isLeader: z.boolean().default(false),
  eligible: z.array(z.uuid()).max(2000).default([]),
})

const patternInput = z.object({
  id: z.uuid().optional(),
  name: plainText(20).pipe(z.string().min(1)),
  startMinute: z.coerce.number().int().min(0).max(24 * 60 - 1),
  durationMinutes: z.coerce.number().int().min(30).max(48 * 60),
  appliesOn: z.enum(['ALL', 'WORKDAYS', 'OFF_DAYS', 'HOLIDAYS']).default('ALL'),
  roles: z.array(roleInput).min(1).max(10),
})

export const savePostInput = z.object({
  id: z.uuid().optional(),
  unitId: z.uuid(),
  name: plainText(40).pipe(z.string().min(1)),
  phone: plainText(30).optional(),
  patterns: z.array(patternInput).min(1).max(10),
})
export type SavePostInput = z.input<typeof savePostInput>

export const unavailabilityInput = z.object({
  personId: z.uuid(),
  startDate: dateKey,
  endDate: dateKey,
  reason: z.enum(['BUSINESS_TRIP', 'TRAINING', 'LEAVE', 'OTHER']),
  note: plainText(200).optional(),
}).refine((v) => v.startDate <= v.endDate, { message: 'date_order', path: ['endDate'] })
export type UnavailabilityInput = z.input<typeof unavailabilityInput>

export const createRosterInput = z.object({
  postId: z.uuid(),
  startDate: dateKey,
  endDate: dateKey,
}).refine((v) => v.startDate <= v.endDate, { message: 'date_order', path: ['endDate'] })
  .refine((v) => daysBetween(v.startDate, v.endDate) < MAX_ROSTER_DAYS, { message: 'too_long', path: ['endDate'] })
export type CreateRosterInput = z.input<typeof createRosterInput>

export const revisionInput = z.object({ revision: z.coerce.number().int().min(0) })

export const editAssignmentInput = z.object({
  revision: z.coerce.number().int().min(0),
  personId: z.uuid().nullable(),
  isLocked: z.boolean().default(true),
})

export const requestSwapInput = z.object({
  kind: z.enum(['SWAP', 'REPLACE']),
  assignmentId: z.uuid(),
  counterpartId: z.uuid(),
  counterpartAssignmentId: z.uuid().optional(),
  reason: plainText(200).optional(),
})
export type RequestSwapInput = z.input<typeof requestSwapInput>

export const answerSwapInput = z.object({ accept: z.boolean(), revision: z.coerce.number().int().min(0) })
export const decideSwapInput = z.object({ approve: z.boolean(), revision: z.coerce.number().int().min(0) })

export const logEntryInput = z.object({ kind: z.enum(['CALL', 'EVENT', 'NOTE']), text: plainText(2000).pipe(z.string().min(1)) })
export type LogEntryInput = z.input<typeof logEntryInput>

export const handoverInput = z.object({
  note: plainText(4000),
  items: z.array(z.object({ text: plainText(300).pipe(z.string().min(1)), isOpen: z.boolean() })).max(50).default([]),
})
export type HandoverInput = z.input<typeof handoverInput>

export const recordIncidentInput = z.object({
  title: plainText(100).pipe(z.string().min(1)),
  occurredAt: z.coerce.date(),
  place: plainText(200).pipe(z.string().min(1)),
  kind: plainText(40).pipe(z.string().min(1)),
  level: z.coerce.number().int().min(1).max(4),
  casualties: plainText(500).default(''),
  measures: plainText(2000).default(''),
})
export type RecordIncidentInput = z.input<typeof recordIncidentInput>

export const incidentReportInput = z.object({
  kind: z.enum(['PHONE', 'WRITTEN', 'FOLLOW_UP', 'FINAL']),
  text: plainText(4000).default(''),
  revision: z.coerce.number().int().min(0),
})
export type IncidentReportInput = z.input<typeof incidentReportInput>

/** A number field of the settings form: bounds as the scheduler needs them, whole unless `decimal`. */
const settingNumber = (min: number, max: number, decimal = false) => {
  const n = z.number({ error: (issue) => (issue.code !== 'invalid_type' ? undefined : issue.input === undefined || issue.input === null ? 'required' : 'duty_number') }).min(min).max(max)
  return decimal ? n.refine((v) => Number.isInteger(v * 10), 'duty_one_decimal') : n.int({ error: 'duty_whole_number' })
}

/**
 * The settings page's fields, every one required (the page always sends the whole set), with the rules
 * between them: the written report cannot fall due before the phone report, a reminder must come after
 * the incident, and the upper office is told no earlier than the leader on duty.
 */
export const dutySettingsFields = z.object({
  weights: z.object({
    workday: settingNumber(0, 10, true),
    weekend: settingNumber(0, 10, true),
    holiday: settingNumber(0, 10, true),
    night: settingNumber(0, 10, true),
  }),
  restAfterNightHours: settingNumber(0, 72),
  maxConsecutiveDays: settingNumber(1, 31),
  historyDays: settingNumber(0, 1000),
  incident: z.object({
    phoneMinutes: settingNumber(1, 1440),
    writtenMinutes: settingNumber(1, 1440),
    remindBeforeMinutes: settingNumber(0, 120),
    leaderAfterMinutes: settingNumber(0, 1440),
    upperAfterMinutes: settingNumber(0, 1440),
  }),
}).superRefine((s, ctx) => {
  if (s.incident.writtenMinutes < s.incident.phoneMinutes) ctx.addIssue({ code: 'custom', path: ['incident', 'writtenMinutes'], message: 'duty_written_before_phone' })
  if (s.incident.remindBeforeMinutes >= s.incident.phoneMinutes) ctx.addIssue({ code: 'custom', path: ['incident', 'remindBeforeMinutes'], message: 'duty_remind_too_early' })
  if (s.incident.upperAfterMinutes < s.incident.leaderAfterMinutes) ctx.addIssue({ code: 'custom', path: ['incident', 'upperAfterMinutes'], message: 'duty_upper_before_leader' })
})

export const saveDutySettingsInput = z.object({
  unitId: z.uuid(),
  /** The unit's own row's revision as the page read it; null when the unit had none (it inherited). */
  revision: z.number().int().min(0).nullable(),
  settings: dutySettingsFields,
})
export type SaveDutySettingsInput = z.input<typeof saveDutySettingsInput>

export const resetDutySettingsInput = z.object({ unitId: z.uuid(), revision: z.number().int().min(0) })
