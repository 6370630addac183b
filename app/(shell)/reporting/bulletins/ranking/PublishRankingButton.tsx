'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api } from '../../../../lib/client-api.ts'

/** 发布排名: freezes the office's ranking over the chosen period as a published snapshot. */
export function PublishRankingButton({ from, to }: { from: string; to: string }) {
  const t = useTranslations('bulletins')
  const router = useRouter()
  const [said, setSaid] = useState('')
  return (
    <span className="row">
      <button type="button" data-testid="publish-ranking" onClick={async () => {
        if (!window.confirm(t('publishConfirm', { from, to }))) return
        const r = await api('/api/reporting/bulletins/rankings', { json: { from, to } })
        if (r.ok) { setSaid(t('published')); router.refresh() } else setSaid(r.error.message)
      }}>{t('publish')}</button>
      {said ? <span className="small" role="status">{said}</span> : null}
    </span>
  )
}
