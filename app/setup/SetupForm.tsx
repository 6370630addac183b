'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../lib/client-api.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'

export function SetupForm() {
  const t = useTranslations('setup')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  async function submit(form: FormData) {
    const value = (k: string) => String(form.get(k) ?? '')
    const result = await api('/api/setup', {
      json: {
        organisationName: value('organisationName'), organisationShortName: value('organisationShortName'), organCode: value('organCode'),
        adminName: value('adminName'), adminAccount: value('adminAccount'), password: value('password'),
      },
    })
    if (!result.ok) return setError(result.error)
    router.replace('/sign-in')
    router.refresh()
  }
  return (
    <form className="stack" action={submit}>
      <ErrorAlert error={error} />
      <label>{t('organisationName')}<input name="organisationName" required placeholder="泰和市人民政府" /></label>
      <label>{t('organisationShortName')}<input name="organisationShortName" required placeholder="市政府" /></label>
      <label>{t('organCode')}<input name="organCode" placeholder="泰政" /></label>
      <label>{t('adminName')}<input name="adminName" required /></label>
      <label>{t('adminAccount')}<input name="adminAccount" required pattern="[a-zA-Z][a-zA-Z0-9._\-]{2,31}" autoComplete="username" /></label>
      <label>{t('password')}<input name="password" type="password" required autoComplete="new-password" /></label>
      <p className="small muted">{t('passwordRules')}</p>
      <button type="submit">{t('submit')}</button>
    </form>
  )
}
