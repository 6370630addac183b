export { getPreferences, preferencesOf, updatePreferences, preferencesInput, defaultPreferences, type Preferences } from './preferences.ts'
export { isQuietAt, quietEndsAt, beijingClock } from './quiet-hours.ts'
