import type { Db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'

export const MIN_RETENTION_DAYS = 180
const KINDS = ['DIRECT', 'TOPIC', 'UNIT', 'DOCUMENT', 'MEETING', 'SUPERVISION'] as const
type Kind = (typeof KINDS)[number]
export const DEFAULT_RETENTION_DAYS: Record<Kind, number> = { DIRECT: 180, TOPIC: 365, UNIT: 365, DOCUMENT: 3650, MEETING: 3650, SUPERVISION: 3650 }

/**
 * How long each kind of conversation keeps its messages: MESSAGING_RETENTION_DAYS (`DIRECT=180,…`)
 * over the defaults. A value under 180 days (or not a number) stops the purge with an error rather
 * than deleting anything early.
 */
export function retentionDays(setting = config().MESSAGING_RETENTION_DAYS): Record<Kind, number> {
  const result = { ...DEFAULT_RETENTION_DAYS }
  for (const part of (setting ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, value] = part.split('=').map((s) => s.trim())
    const n = Number(value)
    if (!KINDS.includes(kind as Kind) || !Number.isInteger(n) || n < MIN_RETENTION_DAYS) throw new AppError('validation', {}, { setting: 'MESSAGING_RETENTION_DAYS', part })
    result[kind as Kind] = n
  }
  return result
}

/**
 * Delete messages (and the files they carried) older than their kind's retention, a batch at a
 * time; never anything younger than 180 days. Returns how many messages went.
 */
export async function purgeExpiredMessages(db: Db, options: { batch?: number; setting?: string } = {}): Promise<number> {
  const keep = retentionDays(options.setting ?? config().MESSAGING_RETENTION_DAYS)
  const now = clock.now().getTime()
  let total = 0
  for (const kind of KINDS) {
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
