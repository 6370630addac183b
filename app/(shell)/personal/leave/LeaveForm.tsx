'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

const types = ['ANNUAL', 'SICK', 'PERSONAL', 'BUSINESS_TRIP', 'TRAINING', 'MARRIAGE', 'MATERNITY', 'BEREAVEMENT'] as const

/** 请假: kind, from (上午/下午) to (上午/下午), reason. The server counts the working days. */
export function LeaveForm({ today }: { today: string }) {
  const t = useTranslations('personal')
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      const form = e.currentTarget
      const data = Object.fromEntries(new FormData(form))
      setBusy(true)
      setError(null)
      const result = await api<{ id: string }>('/api/personal/leave', { json: data })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      router.push(`/personal/leave/${result.data.id}`)
    }}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <label>{t('type')}
          <select name="type" defaultValue="PERSONAL">{types.map((k) => <option key={k} value={k}>{t(`types.${k}`)}</option>)}</select>
        </label>
        <label>{t('startDate')}
          <span className="row" style={{ flexWrap: 'nowrap' }}>
            <input type="date" name="startDate" required defaultValue={today} />
            <select name="startHalf" defaultValue="AM" aria-label={t('startDate')}><option value="AM">{t('half.AM')}</option><option value="PM">{t('half.PM')}</option></select>
          </span>
        </label>
        <label>{t('endDate')}
          <span className="row" style={{ flexWrap: 'nowrap' }}>
            <input type="date" name="endDate" required defaultValue={today} />
            <select name="endHalf" defaultValue="PM" aria-label={t('endDate')}><option value="AM">{t('half.AM')}</option><option value="PM">{t('half.PM')}</option></select>
          </span>
        </label>
      </div>
      <label>{t('reason')}<textarea name="reason" rows={2} required maxLength={500} /></label>
      <p className="small muted" style={{ margin: 0 }}>{t('chainHelp')}</p>
      <div><button type="submit" disabled={busy}>{t('submit')}</button></div>
    </form>
  )
}
