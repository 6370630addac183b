'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

export function ChangePasswordForm({ redirectTo }: { redirectTo?: string }) {
  const t = useTranslations('account')
  const [error, setError] = useState<ApiError | string | null>(null)
  const [done, setDone] = useState(false)
  async function submit(form: FormData) {
    setDone(false)
    if (form.get('newPassword') !== form.get('confirmPassword')) return setError(t('passwordsDiffer'))
    const result = await api('/api/auth/password', { json: { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') } })
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(true)
    if (redirectTo) window.location.assign(redirectTo) // a full load: the session cookie changed
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      {done ? <div className="alert success" role="status">{t('passwordChanged')}</div> : null}
      <label>{t('currentPassword')}<input name="currentPassword" type="password" autoComplete="current-password" required /></label>
      <label>{t('newPassword')}<input name="newPassword" type="password" autoComplete="new-password" required /></label>
      <label>{t('confirmPassword')}<input name="confirmPassword" type="password" autoComplete="new-password" required /></label>
      <p className="small muted">{t('passwordRules')}</p>
      <div><button type="submit">{t('changePassword')}</button></div>
    </form>
  )
}
