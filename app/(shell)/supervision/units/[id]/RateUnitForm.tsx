'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

/** 单位评价 for a quarter (or a year): a score out of 100 and a comment. */
export function RateUnitForm({ unitId, periods }: { unitId: string; periods: string[] }) {
  const t = useTranslations('supervision')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [period, setPeriod] = useState(periods[0] ?? '')
  const [score, setScore] = useState('')
  const [comment, setComment] = useState('')
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    setBusy(true)
    const result = await api('/api/supervision/unit-ratings', { json: { unitId, period, score: Number(score), comment } })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null); setScore(''); setComment('')
    router.refresh()
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="rate-unit-form">
      <ErrorAlert error={error} />
      <div className="row">
        <label>{t('ratingPeriod')}
          <select value={period} onChange={(e) => setPeriod(e.target.value)} name="period">
            {periods.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label>{t('unitScore')}<input name="score" inputMode="numeric" required value={score} onChange={(e) => setScore(e.target.value.replace(/\D/g, '').slice(0, 3))} style={{ width: 90 }} /></label>
      </div>
      <label>{t('rateComment')}<textarea name="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} /></label>
      <div><button type="submit" disabled={busy || !score}>{t('rateUnit')}</button></div>
    </form>
  )
}
