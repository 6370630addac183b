/** Retention: keep the newest `keep` complete backups in `dir`; older ones (and stale partial ones) go. */
import { readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { BACKUP_NAME } from './backup-files.ts'

const PARTIAL_STALE_MS = 24 * 3600 * 1000

export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error('BACKUP_KEEP must be a whole number of at least 1')
  const names = await readdir(dir).catch(() => [] as string[])
  const complete = names.filter((n) => BACKUP_NAME.test(n)).sort()
  const removed = complete.slice(0, Math.max(0, complete.length - keep))
  for (const n of names.filter((n) => n.endsWith('.partial') && BACKUP_NAME.test(n.slice(0, -'.partial'.length)))) {
    // A partial backup another process is writing now is left alone; one a day old crashed.
    const { mtimeMs } = await stat(path.join(dir, n))
    if (Date.now() - mtimeMs > PARTIAL_STALE_MS) removed.push(n)
  }
  for (const n of removed) await rm(path.join(dir, n), { recursive: true, force: true })
  return removed
}
