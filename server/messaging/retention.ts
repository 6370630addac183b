import type { Db, Tx } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'

export const MIN_RETENTION_DAYS = 180
export const MAX_RETENTION_DAYS = 36500
export const RETENTION_KINDS = ['DIRECT', 'TOPIC', 'UNIT', 'DOCUMENT', 'MEETING', 'SUPERVISION'] as const
export type RetentionKind = (typeof RETENTION_KINDS)[number]
export const DEFAULT_RETENTION_DAYS: Record<RetentionKind, number> = { DIRECT: 180, TOPIC: 365, UNIT: 365, DOCUMENT: 3650, MEETING: 3650, SUPERVISION: 3650 }
/** The SystemSetting row the security administrator's page writes (`setRetention`). */
export const RETENTION_SETTING_KEY = 'messaging.retention'

/**
 * The deployment's defaults: MESSAGING_RETENTION_DAYS (`DIRECT=180,…`) over the built-in ones. A value
 * under 180 days (or not a number) stops the purge with an error rather than deleting anything early.
 */
export function retentionDays(setting = config().MESSAGING_RETENTION_DAYS): Record<RetentionKind, number> {
  const result = { ...DEFAULT_RETENTION_DAYS }
  for (const part of (setting ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, value] = part.split('=').map((s) => s.trim())
    const n = Number(value)
    if (!RETENTION_KINDS.includes(kind as RetentionKind) || !Number.isInteger(n) || n < MIN_RETENTION_DAYS) throw new AppError('validation', {}, { setting: 'MESSAGING_RETENTION_DAYS', part })
    result[kind as RetentionKind] = n
  }
  return result
}

export type RetentionSetting = { days: Record<RetentionKind, number>; revision: number; updatedAt: Date | null; saved: boolean }

/**
 * What is in force: the saved setting (the page), kind by kind over the deployment's defaults. A
 * stored value under the minimum (written by hand) counts as the minimum: nothing goes early.
 */
export async function messagingRetention(db: Db | Tx): Promise<RetentionSetting> {
  const defaults = retentionDays()
  const row = await db.systemSetting.findUnique({ where: { key: RETENTION_SETTING_KEY } })
  if (!row) return { days: defaults, revision: 0, updatedAt: null, saved: false }
  const value = (row.value ?? {}) as { days?: Partial<Record<RetentionKind, unknown>>; revision?: unknown }
  const result = { ...defaults }
  for (const kind of RETENTION_KINDS) {
    const n = value.days?.[kind]
    if (typeof n === 'number' && Number.isInteger(n)) result[kind] = Math.min(Math.max(n, MIN_RETENTION_DAYS), MAX_RETENTION_DAYS)
  }
  return { days: result, revision: typeof value.revision === 'number' ? value.revision : 0, updatedAt: row.updatedAt, saved: true }
}

/**
 * Delete messages (and the files they carried) older than their kind's retention, a batch at a
 * time; never anything younger than 180 days. Returns how many messages went. `setting` (tests)
 * stands for MESSAGING_RETENTION_DAYS with nothing saved.
 */
export async function purgeExpiredMessages(db: Db, options: { batch?: number; setting?: string } = {}): Promise<number> {
  const keep = options.setting !== undefined ? retentionDays(options.setting) : (await messagingRetention(db)).days
  const now = clock.now().getTime()
  let total = 0
  for (const kind of RETENTION_KINDS) {
    const before = new Date(now - days(Math.max(keep[kind], MIN_RETENTION_DAYS)))
    for (;;) {
      const deleted = await db.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; fileId: string | null }[]>`
          DELETE FROM "Message" WHERE id IN (
            SELECT m.id FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
             WHERE c.kind = ${kind}::"ConversationKind" AND m."createdAt" < ${before} LIMIT ${options.batch ?? 5000})
          RETURNING id::text AS id, "fileId"::text AS "fileId"`
        const files = rows.map((r) => r.fileId).filter((f): f is string => !!f)
        if (files.length) await tx.$executeRaw`DELETE FROM "MessageFile" WHERE id = ANY(${files}::uuid[])`
        return rows.length
      })
      total += deleted
      if (deleted < (options.batch ?? 5000)) break
    }
  }
  return total
}
