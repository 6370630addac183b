'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

/** The buttons follow accountPolicy; the server checks the same rules regardless. */
export function PersonActions({ personId, isActive, isLocked, mayManage, mayResetPassword, mayUnlock }: {
  personId: string; isActive: boolean; isLocked: boolean; mayManage: boolean; mayResetPassword: boolean; mayUnlock: boolean
}) {
  const t = useTranslations('admin')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  async function run(path: string, json: unknown, message: string) {
    const result = await api(path, { json })
    if (!result.ok) { setNotice(null); return setError(result.error) }
    setError(null)
    setNotice(message)
    router.refresh()
  }
  return (
    <div className="stack">
      <h2>{t('accountActions')}</h2>
      <ErrorAlert error={error} />
      {notice ? <div className="alert success" role="status">{notice}</div> : null}
      <div className="row">
        {mayManage && isActive ? (
          <button type="button" className="danger" onClick={() => window.confirm(t('deactivatePersonConfirm')) && run(`/api/admin/people/${personId}/active`, { isActive: false }, t('deactivated'))}>{t('deactivatePerson')}</button>
        ) : null}
        {mayManage && !isActive ? (
          <button type="button" className="secondary" onClick={() => run(`/api/admin/people/${personId}/active`, { isActive: true }, t('reactivated'))}>{t('reactivatePerson')}</button>
        ) : null}
        {mayUnlock && isLocked ? (
          <button type="button" className="secondary" onClick={() => run(`/api/admin/people/${personId}/unlock`, {}, t('unlocked'))}>{t('unlock')}</button>
        ) : null}
      </div>
      {mayResetPassword ? (
        <form className="row" action={(f) => run(`/api/admin/people/${personId}/password`, { temporaryPassword: f.get('temporaryPassword') }, t('passwordReset'))}>
          <label style={{ flex: 1 }}>{t('temporaryPassword')}<input name="temporaryPassword" type="password" autoComplete="new-password" required /></label>
          <button type="submit" className="secondary" style={{ alignSelf: 'flex-end' }}>{t('resetPassword')}</button>
        </form>
      ) : null}
    </div>
  )
}
