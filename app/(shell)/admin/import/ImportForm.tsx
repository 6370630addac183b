'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Problem = { sheet: 'units' | 'people'; row: number; reason: string; value?: string }
type Summary = { unitsCreated: number; unitsUpdated: number; peopleCreated: number; peopleUpdated: number; posts: number }

export function ImportForm() {
  const t = useTranslations('admin')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [summary, setSummary] = useState<Summary | null>(null)
  async function submit(form: FormData) {
    setBusy(true)
    setSummary(null)
    const result = await api<{ summary: Summary }>('/api/admin/directory/import', { form })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setSummary(result.data.summary)
  }
  const problems = (error?.details as Problem[] | undefined) ?? []
  return (
    <div className="stack">
      <form className="row" action={submit}>
        <label style={{ flex: 1 }}>{t('importFile')}<input name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required /></label>
        <button type="submit" disabled={busy} style={{ alignSelf: 'flex-end' }}>{busy ? t('importing') : t('import')}</button>
      </form>
      <ErrorAlert error={error} />
      {Array.isArray(problems) && problems.length ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('importProblems')}>
          <table>
            <caption className="visually-hidden">{t('importProblems')}</caption>
            <thead><tr><th>{t('sheet')}</th><th>{t('rowNumber')}</th><th>{t('reason')}</th><th>{t('value')}</th></tr></thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>{t(`sheets.${p.sheet}`)}</td><td>{p.row}</td><td>{t.has(`importReasons.${p.reason}`) ? t(`importReasons.${p.reason}`) : p.reason}</td><td>{p.value ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {summary ? <div className="alert success" role="status">{t('importDone', summary)}</div> : null}
    </div>
  )
}
