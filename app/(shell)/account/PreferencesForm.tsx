'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

type Preferences = { emailEnabled: boolean; pushEnabled: boolean; quietStart: number | null; quietEnd: number | null; digestEnabled: boolean; digestMinute: number }

const toTime = (m: number | null) => (m === null ? '' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
const toMinute = (v: FormDataEntryValue | null) => {
  const match = /^(\d{2}):(\d{2})$/.exec(String(v ?? ''))
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

/** Channels, quiet hours (urgent notices ignore them) and the daily digest. */
export function PreferencesForm({ initial }: { initial: Preferences }) {
  const t = useTranslations('account')
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState(false)
  async function submit(form: FormData) {
    const result = await api('/api/account/preferences', {
      method: 'PUT',
      json: {
        emailEnabled: form.get('emailEnabled') === 'on', pushEnabled: form.get('pushEnabled') === 'on',
        quietStart: toMinute(form.get('quietStart')), quietEnd: toMinute(form.get('quietEnd')),
        digestEnabled: form.get('digestEnabled') === 'on', digestMinute: toMinute(form.get('digestTime')) ?? 480,
      },
    })
    if (!result.ok) { setSaved(false); return setError(result.error) }
    setError(null)
    setSaved(true)
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      {saved ? <div className="alert success" role="status">{t('preferencesSaved')}</div> : null}
      <label className="check"><input type="checkbox" name="emailEnabled" defaultChecked={initial.emailEnabled} />{t('channelEmail')}</label>
      <label className="check"><input type="checkbox" name="pushEnabled" defaultChecked={initial.pushEnabled} />{t('channelPush')}</label>
      <div className="form-grid">
        <label>{t('quietStart')}<input type="time" name="quietStart" defaultValue={toTime(initial.quietStart)} /></label>
        <label>{t('quietEnd')}<input type="time" name="quietEnd" defaultValue={toTime(initial.quietEnd)} /></label>
      </div>
      <p className="small muted">{t('quietHelp')}</p>
      <div className="form-grid">
        <label className="check"><input type="checkbox" name="digestEnabled" defaultChecked={initial.digestEnabled} />{t('digest')}</label>
        <label>{t('digestTime')}<input type="time" name="digestTime" defaultValue={toTime(initial.digestMinute)} /></label>
      </div>
      <div><button type="submit">{t('savePreferences')}</button></div>
    </form>
  )
}
