import { z } from 'zod'
import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'

export const preferencesInput = z.object({
  emailEnabled: z.boolean(),
  pushEnabled: z.boolean(),
  quietStart: z.number().int().min(0).max(1439).nullable(),
  quietEnd: z.number().int().min(0).max(1439).nullable(),
  digestEnabled: z.boolean(),
  digestMinute: z.number().int().min(0).max(1439),
})
export type Preferences = z.infer<typeof preferencesInput>

export const defaultPreferences: Preferences = { emailEnabled: true, pushEnabled: true, quietStart: null, quietEnd: null, digestEnabled: false, digestMinute: 480 }

export async function getPreferences(db: Db | Tx, personId: string): Promise<Preferences> {
  const row = await db.notificationPreference.findUnique({ where: { personId } })
  if (!row) return defaultPreferences
  const { personId: _p, lastDigestOn: _l, ...prefs } = row
  return prefs
}

/** Preferences of many people at once (defaults for those without a row). */
export async function preferencesOf(db: Db | Tx, personIds: string[]): Promise<Map<string, Preferences>> {
  const rows = await db.notificationPreference.findMany({ where: { personId: { in: personIds } } })
  const map = new Map<string, Preferences>(personIds.map((id) => [id, defaultPreferences]))
  for (const { personId, lastDigestOn: _l, ...prefs } of rows) map.set(personId, prefs)
  return map
}

/** Each person sets only their own. */
export async function updatePreferences(db: Db, actor: Actor, input: Preferences): Promise<Preferences> {
  const prefs = preferencesInput.parse(input)
  const quiet = prefs.quietStart === null || prefs.quietEnd === null ? { quietStart: null, quietEnd: null } : {}
  await db.notificationPreference.upsert({ where: { personId: actor.personId }, create: { personId: actor.personId, ...prefs, ...quiet }, update: { ...prefs, ...quiet } })
  return getPreferences(db, actor.personId)
}
