'use client'
import { useTranslations } from 'next-intl'
import { useEffect, useRef, useState } from 'react'
import type { NextStepPreview } from '@/server/documents/preview-next-step.ts'
import { api, type ApiError } from '../../../lib/client-api.ts'

export type { NextStepPreview }

/**
 * The server's preview of what the viewer's action will do (GET …/preview), fetched again whenever the
 * document's revision or the viewer's choices change, so the dialog never shows an old next step.
 */
export function useNextStep(documentId: string, revision: number, choices: { unitIds?: string[]; personIds?: string[]; reservedNumberId?: string } = {}, enabled = true, initial: NextStepPreview | null = null) {
  const [preview, setPreview] = useState<NextStepPreview | null>(initial)
  const [error, setError] = useState<ApiError | null>(null)
  const query = new URLSearchParams()
  if (choices.unitIds?.length) query.set('unitIds', choices.unitIds.join(','))
  if (choices.personIds?.length) query.set('personIds', choices.personIds.join(','))
  if (choices.reservedNumberId) query.set('reservedNumberId', choices.reservedNumberId)
  const url = `/api/documents/${documentId}/preview?${query}`
  // The page rendered the preview for nothing chosen at this revision: no need to ask again for it.
  const rendered = useRef(initial ? `${url}@${revision}` : null)
  useEffect(() => {
    if (!enabled) return
    if (rendered.current === `${url}@${revision}`) return
    rendered.current = null
    let live = true
    void api<NextStepPreview>(url).then((result) => {
      if (!live) return
      if (result.ok) { setPreview(result.data); setError(null) } else setError(result.error)
    })
    return () => { live = false }
  }, [url, revision, enabled])
  return { preview, error }
}

/** "Next step: 签发 · 陈建国", what is skipped, who else must act first, or that the document completes. */
export function NextStepSummary({ preview, extra }: { preview: NextStepPreview | null; extra?: [string, string][] }) {
  const t = useTranslations('documents.confirm')
  const tErrors = useTranslations('errors')
  if (!preview) return <p className="muted" role="status">{t('loading')}</p>
  const rows: [string, string][] = [...(extra ?? [])]
  if (preview.next && preview.waitingFor.length === 0) {
    rows.push([t('nextStep'), preview.next.name])
    if (preview.next.assignees.length) rows.push([t('nextPeople'), preview.next.assignees.join('、')])
  }
  if (preview.next?.skipped.length) rows.push([t('skipped'), t('skippedWhy', { steps: preview.next.skipped.join('、') })])
  return (
    <div className="stack" data-testid="next-step">
      {rows.length ? <dl>{rows.map(([k, v]) => <div key={k} style={{ display: 'contents' }}><dt>{k}</dt><dd>{v}</dd></div>)}</dl> : null}
      {preview.waitingFor.length ? <p style={{ margin: 0 }}>{t('waiting', { names: preview.waitingFor.join('、'), step: preview.next?.name ?? '' })}</p> : null}
      {preview.completes ? <p style={{ margin: 0 }}>{t('completes')}</p> : null}
      {preview.problem ? <div className="alert error" role="alert">{tErrors(preview.problem.code as 'validation', preview.problem.params as Record<string, string>)}</div> : null}
    </div>
  )
}
