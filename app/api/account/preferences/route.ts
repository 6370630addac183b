import { db } from '@/server/core/db/index.ts'
import { getPreferences, preferencesInput, updatePreferences } from '@/server/preferences/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({}, async ({ actor }) => getPreferences(db(), actor.personId))

export const PUT = endpoint({ input: preferencesInput }, async ({ input, actor }) => updatePreferences(db(), actor, input))
