import { z } from 'zod'
import type { Db, Tx } from '../core/db/index.ts'

/**
 * Duty settings: weights make nights, weekends and statutory holidays count more in the fairness balance;
 * the rest and consecutive-day rules bind the scheduler; the deadlines are the common rule for incident
 * reports (phone within 30 minutes, in writing within an hour). A unit's settings (`DutyUnitSettings`,
 * set on /duty/settings) hold for it and the units below it: the nearest unit at or above a post's unit
 * with a row wins, else the platform's `SystemSetting` `duty.settings` (if an operator set one), else the
 * defaults here. Anything missing in a stored value takes its default.
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

/** The platform-wide base: the operator's `duty.settings` row if any, else the defaults. */
export async function dutySettings(db: Db | Tx): Promise<DutySettings> {
  const row = await db.systemSetting.findUnique({ where: { key: SETTINGS_KEY } })
  const parsed = dutySettingsSchema.safeParse(row?.value ?? {})
  return parsed.success ? parsed.data : defaultDutySettings
}

export type EffectiveDutySettings = { settings: DutySettings; fromUnitId: string | null; revision: number | null }

/**
 * The settings that hold for a unit: its own row, else the nearest unit above it with one, else the
 * platform base. `fromUnitId` says whose they are (null: the platform's); `revision` is the unit's own
 * row's (null when it has none), for the editor's stale check.
 */
export async function effectiveDutySettings(db: Db | Tx, unit: { id?: string; path: string }): Promise<EffectiveDutySettings> {
  const ids = unit.path.split('/').filter(Boolean)
  const rows = await db.dutyUnitSettings.findMany({ where: { unitId: { in: ids } } })
  const byId = new Map(rows.map((r) => [r.unitId, r]))
  const ownId = unit.id ?? ids.at(-1)
  for (const id of [...ids].reverse()) {
    const row = byId.get(id)
    if (!row) continue
    const parsed = dutySettingsSchema.safeParse(row.value)
    if (!parsed.success) continue
    return { settings: parsed.data, fromUnitId: id, revision: id === ownId ? row.revision : null }
  }
  return { settings: await dutySettings(db), fromUnitId: null, revision: null }
}

/** The settings for a post's unit (what the scheduler, the conflict check and the incident timers use). */
export async function dutySettingsFor(db: Db | Tx, unit: { path: string }): Promise<DutySettings> {
  return (await effectiveDutySettings(db, unit)).settings
}
