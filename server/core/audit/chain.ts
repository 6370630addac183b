import { sm3Hex } from '../crypto.ts'

export const GENESIS_HASH = '0'.repeat(64)

/** The rule records are hashed under now (`AuditEvent.hashVersion`). */
export const HASH_VERSION = 1

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
  hashVersion: number
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/**
 * Details as they will be stored: exactly what `JSON.stringify` then `JSON.parse` would give back
 * (Dates and anything else with `toJSON` become what that returns, undefined and functions vanish from
 * objects and are null in arrays, non-finite numbers are null), except that a BigInt becomes its
 * decimal string instead of throwing. Objects come out with sorted keys. This value is both stored and
 * hashed, so the stored row re-hashes to the same value.
 */
export function normaliseJson(value: unknown): JsonValue {
  return normalise(value, true) ?? null
}

function normalise(value: unknown, isTop: boolean): JsonValue | undefined {
  if (value === null) return null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'object') return isTop ? null : undefined // undefined, function, symbol
  const withJson = value as { toJSON?: (key: string) => unknown }
  if (typeof withJson.toJSON === 'function') return normalise(withJson.toJSON(''), isTop)
  if (Array.isArray(value)) return value.map((v) => normalise(v, false) ?? null)
  const out: { [key: string]: JsonValue } = {}
  for (const key of Object.keys(value).sort(compareKeys)) {
    const v = normalise((value as Record<string, unknown>)[key], false)
    if (v !== undefined) out[key] = v
  }
  return out
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** JSON with object keys sorted, so the same record always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  const v = normaliseJson(value)
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`
}

/**
 * hash = SM3(prevHash ‖ canonical record). Rule 1 (current) hashes the normalised details and the
 * rule's number itself, so a record cannot be passed off as one written under the old rule.
 */
export function chainHash(prevHash: string, f: ChainedFields): string {
  if (f.hashVersion === 0) return legacyChainHash(prevHash, f, f.details)
  return sm3Hex(prevHash + canonicalJson({ ...recordFields(f), details: f.details, hashVersion: f.hashVersion }))
}

function recordFields(f: ChainedFields) {
  return {
    occurredAt: f.occurredAt.toISOString(),
    actorId: f.actorId,
    actorName: f.actorName,
    action: f.action,
    objectType: f.objectType,
    objectId: f.objectId,
    outcome: f.outcome,
    ip: f.ip,
    requestId: f.requestId,
  }
}

/**
 * Rule 0, for records written before `hashVersion` existed: details were hashed as given, before
 * storing, with a Date seen as `{}` (it has no own enumerable keys) while the stored JSON holds its ISO
 * string. Given the stored details, the hash is therefore reproducible only by guessing which of the
 * ISO-timestamp strings were Dates: `verifyLegacyRecord` tries every choice (few strings per record).
 */
function legacyChainHash(prevHash: string, f: ChainedFields, details: unknown): string {
  return sm3Hex(prevHash + legacyCanonicalJson({ ...recordFields(f), details }))
}

function legacyCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(legacyCanonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareKeys(a, b))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${legacyCanonicalJson(v)}`).join(',')}}`
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const MAX_LEGACY_DATES = 10 // 1,024 hashes at most for one record

/** Does the stored record re-hash to `hash` under rule 0, for some choice of which timestamps were Dates? */
export function verifyLegacyRecord(prevHash: string, f: ChainedFields, hash: string): boolean {
  if (legacyChainHash(prevHash, f, f.details) === hash) return true
  const paths: (string | number)[][] = []
  collectTimestamps(f.details, [], paths)
  if (paths.length === 0 || paths.length > MAX_LEGACY_DATES) return false
  for (let mask = 1; mask < 1 << paths.length; mask++) {
    const chosen = paths.filter((_, i) => mask & (1 << i))
    if (legacyChainHash(prevHash, f, replaceAt(f.details, chosen)) === hash) return true
  }
  return false
}

function collectTimestamps(value: unknown, path: (string | number)[], out: (string | number)[][]): void {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) out.push(path)
  else if (Array.isArray(value)) value.forEach((v, i) => collectTimestamps(v, [...path, i], out))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collectTimestamps(v, [...path, k], out)
}

/** A copy of `value` with `{}` (what rule 0 saw for a Date) at each of the paths. */
function replaceAt(value: unknown, paths: (string | number)[][]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>
  for (const path of paths) {
    if (path.length === 0) return {}
    let node = copy
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
    node[path[path.length - 1]!] = {}
  }
  return copy
}
