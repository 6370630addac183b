/**
 * The scheduled backup (`operations.backup`, daily at BACKUP_CRON, default 02:30 Beijing time): when
 * BACKUP_DIR is set, a backup there and retention to BACKUP_KEEP (default 14). Off (does nothing)
 * without BACKUP_DIR. pg-boss runs it once however many instances there are (stately queue), on
 * whichever worker takes it: BACKUP_DIR must be storage that worker reaches (a mounted volume).
 */
import { defineSweep } from '../core/jobs.ts'
import { config } from '../core/config.ts'
import { logger } from '../core/logger.ts'
import { createBackup } from './create-backup.ts'
import { pruneBackups } from './prune-backups.ts'

export async function runScheduledBackup(env: Record<string, string | undefined> = process.env): Promise<{ dir: string; removed: string[] } | null> {
  const dir = env.BACKUP_DIR
  if (!dir) return null
  const keep = Number(env.BACKUP_KEEP ?? 14)
  const result = await createBackup({ databaseUrl: config().DATABASE_URL, dir })
  const removed = await pruneBackups(dir, keep)
  logger.info({ dir: result.dir, bytes: result.manifest.database.bytes, ms: result.ms, removed }, 'backup written')
  return { dir: result.dir, removed }
}

export const backupJob = defineSweep({
  name: 'operations.backup',
  cron: process.env.BACKUP_CRON || '30 2 * * *',
  handler: async () => void (await runScheduledBackup()),
})
