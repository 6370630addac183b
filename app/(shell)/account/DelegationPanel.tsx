'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { PeoplePicker, type PickedPerson } from '../../components/PeoplePicker.tsx'

type Delegation = { id: string; personId: string; deputyId: string; personName: string; deputyName: string; startsAt: string; endsAt: string; reason: string }

/** 委托: hand one's document steps to a deputy for a period; see and revoke delegations. */
export function DelegationPanel({ me, delegations }: { me: string; delegations: Delegation[] }) {
  const t = useTranslations('delegations')
  const tDoc = useTranslations('documents')
  const format = useFormatter()
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [deputy, setDeputy] = useState<PickedPerson[]>([])
  const when = (d: string) => format.dateTime(new Date(d), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16)
  const now = new Date()

  async function create(form: FormData) {
    const result = await api('/api/delegations', {
      json: { deputyId: deputy[0]?.id, startsAt: new Date(String(form.get('startsAt'))).toISOString(), endsAt: new Date(String(form.get('endsAt'))).toISOString(), reason: form.get('reason') },
    })
    if (!result.ok) return setError(result.error)
    setError(null)
    setDeputy([])
    router.refresh()
  }
  async function revoke(id: string) {
    const result = await api(`/api/delegations/${id}`, { method: 'DELETE' })
    if (!result.ok) return setError(result.error)
    router.refresh()
  }
  const mine = delegations.filter((d) => d.personId === me)
  const toMe = delegations.filter((d) => d.deputyId === me)
  return (
    <div className="stack">
      <p className="small muted" style={{ margin: 0 }}>{t('hint')}</p>
      <ErrorAlert error={error} />
      <form className="stack" action={create}>
        <PeoplePicker single value={deputy} onChange={setDeputy} label={t('deputy')} placeholder={tDoc('searchPeople')} removeLabel={tDoc('remove')} />
        <div className="form-grid">
          <label>{t('starts')}<input type="datetime-local" name="startsAt" required defaultValue={local(now)} /></label>
          <label>{t('ends')}<input type="datetime-local" name="endsAt" required defaultValue={local(new Date(now.getTime() + 7 * 86400000))} /></label>
          <label>{t('reason')}<input name="reason" maxLength={200} /></label>
        </div>
        <div><button type="submit" className="secondary" disabled={!deputy[0]}>{t('create')}</button></div>
      </form>
      {[['mine', mine], ['toMe', toMe]].map(([key, list]) => (
        <div key={key as string}>
          <strong>{t(key as 'mine')}</strong>
          {(list as Delegation[]).length === 0 ? <p className="small muted" style={{ margin: 0 }}>{t('none')}</p> : (
            <ul className="versions">
              {(list as Delegation[]).map((d) => (
                <li key={d.id} className="spread">
                  <span>{key === 'mine' ? d.deputyName : d.personName} · <span className="small muted">{t('period', { starts: when(d.startsAt), ends: when(d.endsAt) })}{d.reason ? ` · ${d.reason}` : ''}</span></span>
                  {key === 'mine' ? <button type="button" className="link" onClick={() => void revoke(d.id)}>{t('revoke')}</button> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  )
}
