'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Post = { unitId: string; title: string; leaderRank: 'NONE' | 'PRINCIPAL' | 'DEPUTY'; isPrimary: boolean }
export type PersonFormValue = { id?: string; account?: string; name: string; phone: string | null; email: string | null; posts: Post[]; leaderChargeUnitIds: string[] }

export function PersonForm({ person, units }: { person?: PersonFormValue; units: { id: string; label: string }[] }) {
  const t = useTranslations('admin')
  const router = useRouter()
  const isNew = !person?.id
  const [posts, setPosts] = useState<Post[]>(person?.posts.length ? person.posts : [{ unitId: units[0]?.id ?? '', title: '', leaderRank: 'NONE', isPrimary: true }])
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState(false)
  const [charges, setCharges] = useState<string[]>(person?.leaderChargeUnitIds ?? [])
  const [chargeFilter, setChargeFilter] = useState('')

  const update = (i: number, patch: Partial<Post>) => setPosts((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : patch.isPrimary ? { ...p, isPrimary: false } : p)))

  async function submit(form: FormData) {
    const body = {
      name: String(form.get('name') ?? ''), phone: String(form.get('phone') ?? ''), email: String(form.get('email') ?? ''),
      posts, leaderChargeUnitIds: form.getAll('charges').map(String),
      ...(isNew ? { account: String(form.get('account') ?? ''), initialPassword: String(form.get('initialPassword') ?? '') } : {}),
    }
    const result = isNew
      ? await api<{ person: { id: string } }>('/api/admin/people', { json: body })
      : await api(`/api/admin/people/${person!.id}`, { method: 'PATCH', json: body })
    if (!result.ok) { setSaved(false); return setError(result.error) }
    setError(null)
    setSaved(true)
    if (isNew) router.push(`/admin/people/${(result.data as { person: { id: string } }).person.id}`)
    router.refresh()
  }

  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      {saved ? <div className="alert success" role="status">{t('saved')}</div> : null}
      <div className="form-grid">
        <label>{t('personName')}<input name="name" defaultValue={person?.name} required maxLength={40} /></label>
        {isNew ? <label>{t('account')}<input name="account" required pattern="[a-zA-Z][a-zA-Z0-9._\-]{2,31}" autoComplete="off" /></label> : null}
        <label>{t('phone')}<input name="phone" type="tel" defaultValue={person?.phone ?? ''} pattern="1\d{10}" inputMode="numeric" /></label>
        <label>{t('email')}<input name="email" type="email" defaultValue={person?.email ?? ''} /></label>
        {isNew ? <label>{t('initialPassword')}<input name="initialPassword" type="password" required autoComplete="new-password" /></label> : null}
      </div>
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('posts')}</legend>
        {posts.map((post, i) => (
          <div key={i} className="form-grid" style={{ alignItems: 'end' }}>
            <label>{t('unit')}
              <select value={post.unitId} onChange={(e) => update(i, { unitId: e.target.value })}>
                {units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
              </select>
            </label>
            <label>{t('postTitle')}<input value={post.title} onChange={(e) => update(i, { title: e.target.value })} required maxLength={60} /></label>
            <label>{t('leaderRank')}
              <select value={post.leaderRank} onChange={(e) => update(i, { leaderRank: e.target.value as Post['leaderRank'] })}>
                <option value="NONE">{t('ranks.NONE')}</option>
                <option value="PRINCIPAL">{t('ranks.PRINCIPAL')}</option>
                <option value="DEPUTY">{t('ranks.DEPUTY')}</option>
              </select>
            </label>
            <div className="row">
              <label className="check"><input type="radio" name="primary" checked={post.isPrimary} onChange={() => update(i, { isPrimary: true })} />{t('primaryPost')}</label>
              {posts.length > 1 ? <button type="button" className="link" onClick={() => setPosts((ps) => ps.filter((_, j) => j !== i))}>{t('remove')}</button> : null}
            </div>
          </div>
        ))}
        <div><button type="button" className="secondary" onClick={() => setPosts((ps) => [...ps, { unitId: units[0]?.id ?? '', title: '', leaderRank: 'NONE', isPrimary: false }])}>{t('addPost')}</button></div>
      </fieldset>
      {/* A checklist, not <select multiple>: that needs Ctrl-click on a desktop and is clumsy on a phone. */}
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('inCharge')}{charges.length ? ` (${charges.length})` : ''}</legend>
        <label><span className="visually-hidden">{t('inChargeFilter')}</span>
          <input type="search" value={chargeFilter} onChange={(e) => setChargeFilter(e.target.value)} placeholder={t('inChargeFilter')} />
        </label>
        <div className="unit-checks" role="group" aria-label={t('inCharge')}>
          {units.map((u) => (
            <label key={u.id} className="check" style={chargeFilter.trim() && !u.label.includes(chargeFilter.trim()) && !charges.includes(u.id) ? { display: 'none' } : undefined}>
              <input type="checkbox" name="charges" value={u.id} checked={charges.includes(u.id)} onChange={(e) => setCharges((c) => (e.target.checked ? [...c, u.id] : c.filter((x) => x !== u.id)))} />
              <span style={{ whiteSpace: 'pre' }}>{u.label}</span>
            </label>
          ))}
        </div>
        <span className="small muted">{t('inChargeHelp')}</span>
      </fieldset>
      <div><button type="submit">{isNew ? t('create') : t('save')}</button></div>
    </form>
  )
}
