'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

export function SecondFactorPanel({ isEnabled, isRequired }: { isEnabled: boolean; isRequired: boolean }) {
  const t = useTranslations('account')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [enrolment, setEnrolment] = useState<{ secret: string; qr: string } | null>(null)

  async function begin() {
    const result = await api<{ secret: string; qr: string }>('/api/auth/second-factor/enrolment', { method: 'POST' })
    if (!result.ok) return setError(result.error)
    setError(null)
    setEnrolment(result.data)
  }
  async function confirm(form: FormData) {
    const result = await api('/api/auth/second-factor/enrolment', { method: 'PUT', json: { code: form.get('code') } })
    if (!result.ok) return setError(result.error)
    setEnrolment(null)
    router.refresh()
  }
  async function disable(form: FormData) {
    const result = await api('/api/auth/second-factor', { method: 'DELETE', json: { code: form.get('code') } })
    if (!result.ok) return setError(result.error)
    router.refresh()
  }

  return (
    <div className="stack">
      <p>
        {isEnabled ? <span className="badge green">{t('totpOn')}</span> : <span className="badge gray">{t('totpOff')}</span>}{' '}
        {isRequired ? <span className="small muted">{t('totpRequired')}</span> : null}
      </p>
      <ErrorAlert error={error} />
      {!isEnabled && !enrolment ? <div><button type="button" className="secondary" onClick={begin}>{t('totpEnable')}</button></div> : null}
      {enrolment ? (
        <form className="stack" action={confirm}>
          <p className="small">{t('totpScan')}</p>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img className="qr" src={enrolment.qr} alt={t('totpQrAlt')} />
          <p className="small">{t('totpSecret')} <span className="code">{enrolment.secret}</span></p>
          <label>{t('totpCode')}<input name="code" inputMode="numeric" pattern="\d{6}" maxLength={6} required /></label>
          <div><button type="submit">{t('totpConfirm')}</button></div>
        </form>
      ) : null}
      {isEnabled && !isRequired ? (
        <form className="row" action={disable}>
          <label style={{ flex: 1 }}>{t('totpCode')}<input name="code" inputMode="numeric" pattern="\d{6}" maxLength={6} required /></label>
          <button type="submit" className="secondary" style={{ alignSelf: 'flex-end' }}>{t('totpDisable')}</button>
        </form>
      ) : null}
    </div>
  )
}
