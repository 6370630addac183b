'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Unit = { id: string; name: string; depth: number; memberCount: number }
type Person = { id: string; name: string; posts: { unitName: string; title: string }[] }

export function NoticeForm({ units }: { units: Unit[] }) {
  const t = useTranslations('notices')
  const tInbox = useTranslations('inbox')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [people, setPeople] = useState<Person[]>([])
  const [results, setResults] = useState<Person[]>([])
  const [query, setQuery] = useState('')

  async function search(q: string) {
    setQuery(q)
    if (q.trim().length < 1) return setResults([])
    const result = await api<{ people: Person[] }>(`/api/directory/people?q=${encodeURIComponent(q)}&limit=8`)
    if (result.ok) setResults(result.data.people.filter((p) => !people.some((x) => x.id === p.id)))
  }

  async function submit(form: FormData) {
    setBusy(true)
    const result = await api<{ id: string; recipients: number }>('/api/notices', {
      json: {
        title: form.get('title'), body: form.get('body'), urgency: form.get('urgency'),
        unitIds: form.getAll('unitIds'), personIds: people.map((p) => p.id),
        repingMinutes: Number(form.get('repingMinutes')), repingMax: Number(form.get('repingMax')),
      },
    })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.push(`/notices/${result.data.id}`)
  }

  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      <label>{t('noticeTitle')}<input name="title" required maxLength={100} /></label>
      <label>{t('body')}<textarea name="body" required maxLength={5000} rows={5} /></label>
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('units')}</legend>
        <div className="unit-checks">
          {units.map((u) => (
            <label key={u.id} className="check" style={{ paddingLeft: u.depth * 16 }}>
              <input type="checkbox" name="unitIds" value={u.id} />
              <span>{u.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('people')}</legend>
        {people.length ? (
          <div className="row">
            {people.map((p) => (
              <span key={p.id} className="badge">
                {p.name} <button type="button" className="link" aria-label={`${t('remove')} ${p.name}`} onClick={() => setPeople((ps) => ps.filter((x) => x.id !== p.id))}>×</button>
              </span>
            ))}
          </div>
        ) : null}
        <label>
          <span className="visually-hidden">{t('peopleSearch')}</span>
          <input type="search" value={query} onChange={(e) => void search(e.target.value)} placeholder={t('peopleSearch')} autoComplete="off" />
        </label>
        {results.length ? (
          <ul className="people">
            {results.map((p) => (
              <li key={p.id}>
                <button type="button" className="secondary" style={{ width: '100%', justifyContent: 'space-between' }} onClick={() => { setPeople((ps) => [...ps, p]); setResults([]); setQuery('') }}>
                  <span>{p.name} <span className="small muted">{p.posts[0] ? `${p.posts[0].unitName} · ${p.posts[0].title}` : ''}</span></span>
                  <span>{t('add')}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <label>{t('urgency')}
          <select name="urgency" defaultValue="URGENT">
            {(['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const).map((u) => <option key={u} value={u}>{tInbox(`urgencies.${u}`)}</option>)}
          </select>
        </label>
        <label>{t('repingEvery')}<input name="repingMinutes" type="number" min={5} max={1440} defaultValue={30} /></label>
        <label>{t('repingMax')}<input name="repingMax" type="number" min={0} max={10} defaultValue={3} /></label>
      </div>
      <div><button type="submit" disabled={busy}>{busy ? t('sending') : t('send')}</button></div>
    </form>
  )
}
