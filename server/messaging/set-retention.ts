import { z } from 'zod'
import { holdsPlatformWide, type Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, RETENTION_KINDS, RETENTION_SETTING_KEY, messagingRetention, type RetentionKind } from './retention.ts'

/**
 * 三员分立: how long records are kept is a security policy, so it is the security administrator's
 * (security.manage over the whole platform). The system administrator and the auditor only see it.
 */
export const mayManageRetention = (actor: Actor) => holdsPlatformWide(actor, 'security.manage')

const daysField = z.number().int().max(MAX_RETENTION_DAYS)
export const retentionInput = z.object({
  revision: z.number().int().min(0),
  days: z.object(Object.fromEntries(RETENTION_KINDS.map((k) => [k, daysField])) as Record<RetentionKind, typeof daysField>),
})

/**
 * Save the retention per conversation kind. Each value must be at least 180 days (等保): a shorter one
 * is refused with `messaging.retention_too_short`, naming the kind. The row is locked and its revision
 * checked (two administrators never overwrite each other silently); audited with before and after.
 */
export async function setRetention(db: Db, actor: Actor, raw: unknown, context: RequestContext) {
  if (!mayManageRetention(actor)) throw new AppError('forbidden')
  const input = retentionInput.parse(raw)
  const short = RETENTION_KINDS.filter((k) => input.days[k] < MIN_RETENTION_DAYS)
  if (short.length) throw new AppError('messaging.retention_too_short', { min: MIN_RETENTION_DAYS }, { kinds: short })
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES (${RETENTION_SETTING_KEY}, '{}'::jsonb, now()) ON CONFLICT (key) DO NOTHING`
    await tx.$queryRaw(Prisma.sql`SELECT key FROM "SystemSetting" WHERE key = ${RETENTION_SETTING_KEY} FOR UPDATE`)
    const before = await messagingRetention(tx)
    if (before.revision !== input.revision) throw new AppError('messaging.retention_stale')
    const value = { days: input.days, revision: before.revision + 1 }
    await tx.systemSetting.update({ where: { key: RETENTION_SETTING_KEY }, data: { value } })
    await recordAudit(tx, { actor, action: 'messaging.retention', objectType: 'SystemSetting', objectId: RETENTION_SETTING_KEY, details: { before: before.days, after: input.days }, context })
    return { days: input.days, revision: value.revision }
  })
}
