import { z } from 'zod'
import type { Db, Tx } from '../core/db/index.ts'

/**
 * Duty settings (SystemSetting `duty.settings`, JSON; anything missing takes its default). Weights make
 * nights, weekends and statutory holidays count more in the fairness balance; the deadlines are the common
 * rule for incident reports (phone within 30 minutes, in writing within an hour).
 */
export const dutySettingsSchema = z.object({
  weights: z.object({
    workday: z.number().min(0).max(10).default(1),
    weekend: z.number().min(0).max(10).default(1.5),
    holiday: z.number().min(0).max(10).default(2),
    /** Multiplies the day's weight for a seat that runs through the night. */
    night: z.number().min(0).max(10).default(1.5),
  }).prefault({}),
  restAfterNightHours: z.number().int().min(0).max(72).default(24),
  maxConsecutiveDays: z.number().int().min(1).max(31).default(3),
  /** How far back earlier duty counts towards the balance (so last Spring Festival's people get a rest). */
  historyDays: z.number().int().min(0).max(1000).default(400),
  /** 突发事件信息报送: minutes from the incident time (the common rule: phone 30, in writing 60). */
  incident: z.object({
    phoneMinutes: z.number().int().min(1).max(1440).default(30),
    writtenMinutes: z.number().int().min(1).max(1440).default(60),
    remindBeforeMinutes: z.number().int().min(0).max(120).default(10),
    /** After a missed deadline: the leader on duty is told after this many minutes, then the upper duty office. */
    leaderAfterMinutes: z.number().int().min(0).max(1440).default(10),
    upperAfterMinutes: z.number().int().min(0).max(1440).default(30),
  }).prefault({}),
})

export type DutySettings = z.output<typeof dutySettingsSchema>

export const SETTINGS_KEY = 'duty.settings'

export const defaultDutySettings: DutySettings = dutySettingsSchema.parse({})

export async function dutySettings(db: Db | Tx): Promise<DutySettings> {
  const row = await db.systemSetting.findUnique({ where: { key: SETTINGS_KEY } })
  const parsed = dutySettingsSchema.safeParse(row?.value ?? {})
  return parsed.success ? parsed.data : defaultDutySettings
}
