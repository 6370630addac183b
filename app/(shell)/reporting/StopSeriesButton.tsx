'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api } from '../../lib/client-api.ts'

/** 停止周期报送: asks once, then the cycle makes no further periods (those sent stay). */
export function StopSeriesButton({ seriesId }: { seriesId: string }) {
  const t = useTranslations('reporting')
  const router = useRouter()
  const [said, setSaid] = useState('')
  return (
    <span className="row">
      <button type="button" className="secondary small" data-testid="stop-series" onClick={async () => {
        if (!window.confirm(t('stopSeriesConfirm'))) return
        const r = await api(`/api/reporting/series/${seriesId}/stop`, { method: 'POST' })
        if (r.ok) { setSaid(t('seriesStopped')); router.refresh() } else setSaid(r.error.message)
      }}>{t('stopSeries')}</button>
      {said ? <span className="small" role="status">{said}</span> : null}
    </span>
  )
}
