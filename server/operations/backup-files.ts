/** What a backup directory holds and how its checksums are computed (shared by backup and restore). */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { spawn } from 'node:child_process'

export const MANIFEST = 'manifest.json'
export const CHECKSUMS = 'SHA256SUMS'
export const DATABASE_DUMP = 'database.dump'
/** Backup directories are named `xietong-<UTC timestamp>` so that names sort by time (retention). */
export const BACKUP_NAME = /^xietong-\d{8}T\d{6}Z$/

export type Manifest = {
  format: 1
  createdAt: string
  /** pg_dump's custom format of the whole platform database (one snapshot: consistent). */
  database: { file: string; sha256: string; bytes: number; serverVersion: string; pgDump: string; migrations: number; lastMigration: string | null }
  /** Files the platform keeps outside the database: none today (attachments, PDFs, seals, co-edited bodies are rows). */
  files: Array<{ file: string; sha256: string; bytes: number }>
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), bytes }
}

/** Runs a PostgreSQL client program; rejects with its stderr when it fails. */
export function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.stderr.on('data', (d: Buffer) => (err += d))
    child.on('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code === 'ENOENT' ? `${program} was not found: install the PostgreSQL client programs (same major version as the server or newer), or set PG_BIN_DIR` : error.message)))
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${program} failed (exit ${code}): ${err.trim().split('\n').slice(-5).join(' | ')}`))))
  })
}

export function pgProgram(name: 'pg_dump' | 'pg_restore'): string {
  const dir = process.env.PG_BIN_DIR
  return dir ? `${dir.replace(/\/$/, '')}/${name}` : name
}

/** The major version in `15.20 (Debian …)` or `18.4`. */
export function majorOf(version: string): number {
  return Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1] ?? 0)
}
