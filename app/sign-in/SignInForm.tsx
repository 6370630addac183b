'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../lib/client-api.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'

type Step = 'password' | 'second_factor' | 'enrol_second_factor' | 'done'

export function SignInForm({ next, initialStep }: { next: string; initialStep: Step }) {
  const t = useTranslations('signIn')
  const [step, setStep] = useState<Step>(initialStep)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [enrolment, setEnrolment] = useState<{ secret: string; qr: string } | null>(null)

  const finish = () => {
    setStep('done')
    window.location.assign(next) // a full load: the session cookie changed
  }

  async function submitPassword(form: FormData) {
    setBusy(true)
    setError(null)
    const result = await api<{ next: Step }>('/api/auth/sign-in', { json: { login: form.get('login'), password: form.get('password') } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    if (result.data.next === 'done') return finish()
    if (result.data.next === 'enrol_second_factor') await startEnrolment()
    setStep(result.data.next)
  }

  async function startEnrolment() {
    const result = await api<{ secret: string; qr: string }>('/api/auth/second-factor/enrolment', { method: 'POST' })
    if (result.ok) setEnrolment(result.data)
    else setError(result.error)
  }

  async function submitCode(form: FormData) {
    setBusy(true)
    setError(null)
    const code = String(form.get('code') ?? '')
    const result = step === 'enrol_second_factor'
      ? await api('/api/auth/second-factor/enrolment', { method: 'PUT', json: { code } })
      : await api('/api/auth/second-factor', { json: { code } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    finish()
  }

  if (step === 'password' || step === 'done') {
    return (
      <form className="stack" action={submitPassword}>
        <ErrorAlert error={error} />
        <label>
          {t('login')}
          <input name="login" autoComplete="username" required placeholder={t('loginPlaceholder')} autoFocus />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy || step === 'done'}>{busy || step === 'done' ? t('signingIn') : t('submit')}</button>
        <p className="small muted">{t('help')}</p>
      </form>
    )
  }

  return (
    <form className="stack" action={submitCode}>
      <h2>{step === 'enrol_second_factor' ? t('enrolTitle') : t('secondFactorTitle')}</h2>
      {step === 'enrol_second_factor' ? (
        <>
          <p className="small">{t('enrolHelp')}</p>
          {enrolment ? (
            <>
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img className="qr" src={enrolment.qr} alt={t('qrAlt')} />
              <p className="small">{t('secretLabel')} <span className="code">{enrolment.secret}</span></p>
            </>
          ) : null}
        </>
      ) : (
        <p className="small">{t('secondFactorHelp')}</p>
      )}
      <ErrorAlert error={error} />
      <label>
        {t('code')}
        <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required autoFocus />
      </label>
      <button type="submit" disabled={busy}>{t('verify')}</button>
    </form>
  )
}
