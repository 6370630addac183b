'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

/** Paste a manifest (JSON), add screenshots if any, to submit an app or a new version for review. */
export function SubmitAppForm() {
  const t = useTranslations('microapps')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState(false)
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    try { JSON.parse(String(form.get('manifest') ?? '')) } catch { setDone(false); return setError({ code: 'validation', message: t('manifestNotJson') }) }
    const result = await api('/api/microapps/apps', { form })
    if (!result.ok) { setDone(false); return setError(result.error) }
    setError(null)
    setDone(true)
    router.refresh()
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <ErrorAlert error={error} />
      {Array.isArray(error?.details) ? (
        <ul className="small" data-testid="manifest-problems">
          {(error.details as { path: unknown[]; message: string }[]).map((d, i) => <li key={i}><code>{Array.isArray(d.path) ? d.path.join('.') : ''}</code> {d.message}</li>)}
        </ul>
      ) : null}
      {done ? <div className="alert success" role="status">{t('submitted')}</div> : null}
      <label>{t('manifest')}<textarea name="manifest" rows={8} required spellCheck={false} style={{ fontFamily: 'monospace' }} /></label>
      <label>{t('screenshotsField')}<input type="file" name="screenshots" accept="image/jpeg,image/png,image/webp" multiple /></label>
      <p className="small muted" style={{ margin: 0 }}>{t('screenshotsHint')}</p>
      <div><button type="submit">{t('submit')}</button></div>
    </form>
  )
}
