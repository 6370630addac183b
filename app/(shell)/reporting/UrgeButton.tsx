'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api } from '../../lib/client-api.ts'

/** 催报 one unit by hand (once an hour); the answer is said beside the button. */
export function UrgeButton({ submissionId }: { submissionId: string }) {
  const t = useTranslations('reporting')
  const [said, setSaid] = useState('')
  return (
    <span className="row">
      <button type="button" className="secondary small" data-testid={`urge-${submissionId}`} onClick={async () => {
        const r = await api(`/api/reporting/submissions/${submissionId}/urge`, { json: {} })
        setSaid(r.ok ? t('urged') : r.error.message)
      }}>{t('urge')}</button>
      {said ? <span className="small" role="status">{said}</span> : null}
    </span>
  )
}
