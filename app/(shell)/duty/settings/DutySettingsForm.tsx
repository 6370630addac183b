'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Settings = {
  weights: { workday: number; weekend: number; holiday: number; night: number }
  restAfterNightHours: number; maxConsecutiveDays: number; historyDays: number
  incident: { phoneMinutes: number; writtenMinutes: number; remindBeforeMinutes: number; leaderAfterMinutes: number; upperAfterMinutes: number }
}
type Issue = { path: (string | number)[]; message: string }

/** The fields as the page lays them out: group, path, bounds, step (weights take one decimal). */
const GROUPS = [
  { key: 'fairness', fields: [['weights', 'workday'], ['weights', 'weekend'], ['weights', 'holiday'], ['weights', 'night'], ['historyDays']] },
  { key: 'rules', fields: [['restAfterNightHours'], ['maxConsecutiveDays']] },
  { key: 'incident', fields: [['incident', 'phoneMinutes'], ['incident', 'writtenMinutes'], ['incident', 'remindBeforeMinutes'], ['incident', 'leaderAfterMinutes'], ['incident', 'upperAfterMinutes']] },
] as const
const BOUNDS: Record<string, [number, number, number]> = {
  'weights.workday': [0, 10, 0.1], 'weights.weekend': [0, 10, 0.1], 'weights.holiday': [0, 10, 0.1], 'weights.night': [0, 10, 0.1],
  historyDays: [0, 1000, 1], restAfterNightHours: [0, 72, 1], maxConsecutiveDays: [1, 31, 1],
  'incident.phoneMinutes': [1, 1440, 1], 'incident.writtenMinutes': [1, 1440, 1], 'incident.remindBeforeMinutes': [0, 120, 1],
  'incident.leaderAfterMinutes': [0, 1440, 1], 'incident.upperAfterMinutes': [0, 1440, 1],
}

const read = (s: Settings, path: readonly string[]) => path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number | null
const toText = (s: Settings) => Object.fromEntries(Object.keys(BOUNDS).map((k) => [k, String(read(s, k.split('.')) ?? '')]))

/** The settings form: every field a number input with its bounds; the server's checks come back per field. */
export function DutySettingsForm({ unitId, revision, initial, defaults, hasOwn }: { unitId: string; revision: number | null; initial: Settings; defaults: Settings; hasOwn: boolean }) {
  const t = useTranslations('duty.settings')
  const router = useRouter()
  const [text, setText] = useState<Record<string, string>>(() => toText(initial))
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const issues = ((error?.code === 'validation' ? error.details : null) as Issue[] | null) ?? []
  const issueAt = (key: string) => issues.filter((i) => i.path.join('.') === `settings.${key}`).map((i) => i.message).join(' ')

  function payload(): Settings {
    // An empty field goes as null: the server answers "required" for it, in the user's language.
    const num = (k: string) => (text[k]!.trim() === '' ? null : Number(text[k]!.replace(',', '.')))
    return {
      weights: { workday: num('weights.workday'), weekend: num('weights.weekend'), holiday: num('weights.holiday'), night: num('weights.night') },
      restAfterNightHours: num('restAfterNightHours'), maxConsecutiveDays: num('maxConsecutiveDays'), historyDays: num('historyDays'),
      incident: { phoneMinutes: num('incident.phoneMinutes'), writtenMinutes: num('incident.writtenMinutes'), remindBeforeMinutes: num('incident.remindBeforeMinutes'), leaderAfterMinutes: num('incident.leaderAfterMinutes'), upperAfterMinutes: num('incident.upperAfterMinutes') },
    } as Settings
  }
  async function send(method: 'PUT' | 'DELETE', json: unknown, message: string) {
    setBusy(true); setDone('')
    const result = await api(`/api/duty/settings`, { method, json })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(message)
    router.refresh()
  }
  return (
    <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); void send('PUT', { unitId, revision, settings: payload() }, t('saved')) }}>
      <ErrorAlert error={error} />
      {done ? <div className="alert" role="status">{done}</div> : null}
      {GROUPS.map((group) => (
        <fieldset key={group.key} className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12, margin: 0 }}>
          <legend style={{ fontWeight: 600, padding: '0 4px' }}>{t(`groups.${group.key}`)}</legend>
          <div className="form-grid">
            {group.fields.map((path) => {
              const key = path.join('.')
              const [min, max, step] = BOUNDS[key]!
              const problem = issueAt(key)
              return (
                <label key={key} data-field={key}>
                  {t(`fields.${key.replace('.', '_')}`)}
                  <input type="number" inputMode={step < 1 ? 'decimal' : 'numeric'} min={min} max={max} step={step} value={text[key]} aria-invalid={problem ? true : undefined} aria-describedby={`${key}-help`}
                    onChange={(e) => setText((x) => ({ ...x, [key]: e.target.value }))} />
                  <span id={`${key}-help`} className="small muted">{t(`help.${key.replace('.', '_')}`, { min, max, default: String(read(defaults, path)) })}</span>
                  {problem ? <span className="small" role="alert" style={{ color: 'var(--danger)' }}>{problem}</span> : null}
                </label>
              )
            })}
          </div>
        </fieldset>
      ))}
      <div className="row">
        <button type="submit" disabled={busy}>{t('save')}</button>
        <button type="button" className="secondary" disabled={busy} onClick={() => setText(toText(defaults))}>{t('fillDefaults')}</button>
        {hasOwn && revision !== null ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => { if (window.confirm(t('resetConfirm'))) void send('DELETE', { unitId, revision }, t('resetDone')) }}>{t('reset')}</button>
        ) : null}
      </div>
    </form>
  )
}
