'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Role = { id?: string; name: string; count: number; isLeader: boolean; eligible: string[] }
type Pattern = { id?: string; name: string; startMinute: number; durationMinutes: number; appliesOn: 'ALL' | 'WORKDAYS' | 'OFF_DAYS' | 'HOLIDAYS'; roles: Role[] }
type Person = { id: string; name: string; title: string }

const toTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
const fromTime = (s: string) => {
  const [h, m] = s.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** Who may take a role: picked people as badges, and a filter over the managed units' people. */
function EligiblePicker({ people, value, onChange, label }: { people: Person[]; value: string[]; onChange: (ids: string[]) => void; label: string }) {
  const t = useTranslations('duty')
  const [query, setQuery] = useState('')
  const byId = new Map(people.map((p) => [p.id, p]))
  const q = query.trim()
  const matches = q ? people.filter((p) => !value.includes(p.id) && (p.name.includes(q) || p.title.includes(q))).slice(0, 8) : []
  return (
    <div className="stack" style={{ gap: 6 }}>
      <span className="small">{t('eligible', { count: value.length })}</span>
      {value.length ? (
        <div className="row" style={{ gap: 6, flexWrap: 'wrap' }}>
          {value.map((id) => (
            <span key={id} className="badge">{byId.get(id)?.name ?? id} <button type="button" className="link" aria-label={`${t('removePerson')} ${byId.get(id)?.name ?? ''}`} onClick={() => onChange(value.filter((x) => x !== id))}>×</button></span>
          ))}
        </div>
      ) : null}
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('searchPeople')} aria-label={`${label} ${t('searchPeople')}`} autoComplete="off" />
      {matches.length ? (
        <ul className="picker-results">
          {matches.map((p) => (
            <li key={p.id}><button type="button" className="secondary" onClick={() => { onChange([...value, p.id]); setQuery('') }}>{p.name} <span className="small muted">{p.title}</span></button></li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

export function PostForm({ units, people, post }: { units: { id: string; name: string; depth: number }[]; people: Person[]; post?: { id: string; unitId: string; name: string; phone: string; patterns: Pattern[] } }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [unitId, setUnitId] = useState(post?.unitId ?? units[0]?.id ?? '')
  const [name, setName] = useState(post?.name ?? '')
  const [phone, setPhone] = useState(post?.phone ?? '')
  const [patterns, setPatterns] = useState<Pattern[]>(post?.patterns ?? [])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const roleDefaults = (): Role[] => [
    { name: t('roleNames.leader'), count: 1, isLeader: true, eligible: [] },
    { name: t('roleNames.officer'), count: 1, isLeader: false, eligible: [] },
  ]
  const presets: { key: string; label: string; pattern: Omit<Pattern, 'roles'> }[] = [
    { key: 'day', label: t('presetDay'), pattern: { name: t('presetNames.day'), startMinute: 510, durationMinutes: 540, appliesOn: 'OFF_DAYS' } },
    { key: 'night', label: t('presetNight'), pattern: { name: t('presetNames.night'), startMinute: 1050, durationMinutes: 900, appliesOn: 'ALL' } },
    { key: 'full', label: t('presetFull'), pattern: { name: t('presetNames.full'), startMinute: 510, durationMinutes: 1440, appliesOn: 'ALL' } },
    { key: 'holiday', label: t('presetHoliday'), pattern: { name: t('presetNames.holiday'), startMinute: 510, durationMinutes: 540, appliesOn: 'HOLIDAYS' } },
  ]
  const setPattern = (i: number, change: Partial<Pattern>) => setPatterns(patterns.map((p, j) => (j === i ? { ...p, ...change } : p)))
  const setRole = (i: number, k: number, change: Partial<Role>) => setPattern(i, { roles: patterns[i]!.roles.map((r, j) => (j === k ? { ...r, ...change } : r)) })

  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      setBusy(true)
      setError(null)
      const body = { unitId, name, phone, patterns }
      const result = post ? await api(`/api/duty/posts/${post.id}`, { method: 'PUT', json: body }) : await api('/api/duty/posts', { json: body })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      router.push('/duty/posts')
      router.refresh()
    }}>
      <section className="card stack">
        <div className="form-grid">
          <label>{t('unit')}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required disabled={!!post}>
              {units.map((u) => <option key={u.id} value={u.id}>{'　'.repeat(Math.max(0, u.depth - 1))}{u.name}</option>)}
            </select>
          </label>
          <label>{t('name')}<input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('namePlaceholder')} required maxLength={40} /></label>
          <label>{t('phone')}<input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={30} /></label>
        </div>
      </section>

      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('patterns')}</h2>
        {patterns.map((p, i) => (
          <fieldset key={p.id ?? `new-${i}`} className="duty-pattern stack">
            <legend className="visually-hidden">{p.name}</legend>
            <div className="form-grid">
              <label>{t('patternName')}<input value={p.name} onChange={(e) => setPattern(i, { name: e.target.value })} required maxLength={20} /></label>
              <label>{t('start')}<input type="time" value={toTime(p.startMinute)} onChange={(e) => setPattern(i, { startMinute: fromTime(e.target.value) })} required /></label>
              <label>{t('durationHours')}<input type="number" min={0.5} max={48} step={0.5} value={p.durationMinutes / 60} onChange={(e) => setPattern(i, { durationMinutes: Math.round(Number(e.target.value) * 60) })} required /></label>
              <label>{t('appliesOn')}
                <select value={p.appliesOn} onChange={(e) => setPattern(i, { appliesOn: e.target.value as Pattern['appliesOn'] })}>
                  {(['ALL', 'WORKDAYS', 'OFF_DAYS', 'HOLIDAYS'] as const).map((k) => <option key={k} value={k}>{t(`appliesOnOptions.${k}`)}</option>)}
                </select>
              </label>
            </div>
            {p.roles.map((r, k) => (
              <div key={r.id ?? `new-${k}`} className="duty-role stack">
                <div className="form-grid">
                  <label>{t('roleName')}<input value={r.name} onChange={(e) => setRole(i, k, { name: e.target.value })} required maxLength={20} /></label>
                  <label>{t('count')}<input type="number" min={1} max={20} value={r.count} onChange={(e) => setRole(i, k, { count: Number(e.target.value) })} required /></label>
                  <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}><input type="checkbox" checked={r.isLeader} onChange={(e) => setRole(i, k, { isLeader: e.target.checked })} style={{ width: 'auto' }} />{t('isLeader')}</label>
                </div>
                <EligiblePicker people={people} value={r.eligible} onChange={(eligible) => setRole(i, k, { eligible })} label={`${p.name} ${r.name}`} />
                <div><button type="button" className="link" onClick={() => setPattern(i, { roles: p.roles.filter((_, j) => j !== k) })}>{t('removeRole')}</button></div>
              </div>
            ))}
            <div className="row" style={{ gap: 8 }}>
              <button type="button" className="secondary" onClick={() => setPattern(i, { roles: [...p.roles, { name: t('roleNames.driver'), count: 1, isLeader: false, eligible: [] }] })}>{t('addRole')}</button>
              <button type="button" className="link" onClick={() => setPatterns(patterns.filter((_, j) => j !== i))}>{t('removePattern')}</button>
            </div>
          </fieldset>
        ))}
        <div className="stack" style={{ gap: 6 }}>
          <span className="small muted">{t('presets')}</span>
          <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
            {presets.map((preset) => (
              <button key={preset.key} type="button" className="secondary chip" onClick={() => setPatterns([...patterns, { ...preset.pattern, roles: roleDefaults() }])}>+ {preset.label}</button>
            ))}
          </div>
        </div>
      </section>
      <ErrorAlert error={error} />
      <div><button type="submit" disabled={busy || !patterns.length}>{t('savePost')}</button></div>
    </form>
  )
}
