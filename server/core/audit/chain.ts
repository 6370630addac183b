import { sm3Hex } from '../crypto.ts'

export const GENESIS_HASH = '0'.repeat(64)

export type ChainedFields = {
  occurredAt: Date
  actorId: string | null
  actorName: string | null
  action: string
  objectType: string | null
  objectId: string | null
  outcome: string
  ip: string | null
  requestId: string | null
  details: unknown
}

/** JSON with object keys sorted, so the same record always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** hash = SM3(prevHash ‖ canonical record). */
export function chainHash(prevHash: string, f: ChainedFields): string {
  return sm3Hex(
    prevHash +
      canonicalJson({
        occurredAt: f.occurredAt.toISOString(),
        actorId: f.actorId,
        actorName: f.actorName,
        action: f.action,
        objectType: f.objectType,
        objectId: f.objectId,
        outcome: f.outcome,
        ip: f.ip,
        requestId: f.requestId,
        details: f.details,
      }),
  )
}
