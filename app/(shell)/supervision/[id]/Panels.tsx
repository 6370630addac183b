'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

function useAction() {
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function run(path: string, json: unknown, after?: () => void) {
    setBusy(true)
    const result = await api(path, { json })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    after?.()
    router.refresh()
  }
  return { error, busy, run }
}

/** 签收 naming the owner, or 退回 with a reason. */
export function AnswerPanel({ assignmentId, members }: { assignmentId: string; members: { id: string; name: string }[] }) {
  const t = useTranslations('supervision')
  const { error, busy, run } = useAction()
  const [owner, setOwner] = useState(members[0]?.id ?? '')
  const [reason, setReason] = useState('')
  return (
    <div className="stack" data-testid="answer-panel">
      <ErrorAlert error={error} />
      <div className="row">
        <label className="grow">{t('chooseOwner')}
          <select value={owner} onChange={(e) => setOwner(e.target.value)} name="ownerId">
            {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
      </div>
      <div className="row">
        <button type="button" disabled={busy || !owner} onClick={() => void run(`/api/supervision/assignments/${assignmentId}/answer`, { accept: true, ownerId: owner })}>{t('accept')}</button>
      </div>
      <details>
        <summary className="button secondary">{t('return')}</summary>
        <div className="stack" style={{ marginTop: 8 }}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('returnPlaceholder')} aria-label={t('returnPlaceholder')} maxLength={500} />
          <div><button type="button" className="secondary" disabled={busy || !reason.trim()} onClick={() => void run(`/api/supervision/assignments/${assignmentId}/answer`, { accept: false, reason })}>{t('return')}</button></div>
        </div>
      </details>
    </div>
  )
}

/** The supervisor's comment on a report, or a request for more material. */
export function CommentForm({ reportId }: { reportId: string }) {
  const t = useTranslations('supervision')
  const { error, busy, run } = useAction()
  const [comment, setComment] = useState('')
  return (
    <details>
      <summary className="small">{t('comment')}</summary>
      <div className="stack" style={{ marginTop: 6 }}>
        <ErrorAlert error={error} />
        <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('commentPlaceholder')} aria-label={t('commentPlaceholder')} maxLength={1000} />
        <div className="row">
          <button type="button" className="secondary" disabled={busy || !comment.trim()} onClick={() => void run(`/api/supervision/reports/${reportId}/comment`, { comment, moreRequested: false }, () => setComment(''))}>{t('comment')}</button>
          <button type="button" className="secondary" disabled={busy || !comment.trim()} onClick={() => void run(`/api/supervision/reports/${reportId}/comment`, { comment, moreRequested: true }, () => setComment(''))}>{t('askMore')}</button>
        </div>
      </div>
    </details>
  )
}

/** Manual 催办 with a message. */
export function UrgeForm({ itemId }: { itemId: string }) {
  const t = useTranslations('supervision')
  const { error, busy, run } = useAction()
  const [message, setMessage] = useState('')
  const [done, setDone] = useState(false)
  return (
    <details>
      <summary className="button secondary">{t('urge')}</summary>
      <div className="stack" style={{ marginTop: 8 }}>
        <ErrorAlert error={error} />
        {done ? <div className="alert success" role="status">{t('urged', { count: 1 })}</div> : null}
        <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={t('urgeMessage')} aria-label={t('urgeMessage')} maxLength={500} />
        <div><button type="button" disabled={busy} onClick={() => void run(`/api/supervision/items/${itemId}/urge`, { message }, () => { setDone(true); setMessage('') })}>{t('urge')}</button></div>
      </div>
    </details>
  )
}

/** 办结申请 with a summary. */
export function CompletionForm({ itemId, revision }: { itemId: string; revision: number }) {
  const t = useTranslations('supervision')
  const { error, busy, run } = useAction()
  const [summary, setSummary] = useState('')
  return (
    <details>
      <summary className="button secondary">{t('requestCompletion')}</summary>
      <div className="stack" style={{ marginTop: 8 }}>
        <ErrorAlert error={error} />
        <label>{t('summary')}<textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} /></label>
        <div><button type="button" disabled={busy || !summary.trim()} onClick={() => void run(`/api/supervision/items/${itemId}/completion`, { summary, revision })}>{t('requestCompletion')}</button></div>
      </div>
    </details>
  )
}

/** The supervisor's 办结 or 退回 (and 直接办结 for a parent whose work is done). */
export function ReviewForm({ itemId, revision, direct = false }: { itemId: string; revision: number; direct?: boolean }) {
  const t = useTranslations('supervision')
  const { error, busy, run } = useAction()
  const [reason, setReason] = useState('')
  return (
    <div className="stack" data-testid="review-panel">
      <ErrorAlert error={error} />
      {direct ? null : <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('sendBackReason')} aria-label={t('sendBackReason')} maxLength={500} />}
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void run(`/api/supervision/items/${itemId}/review`, { approve: true, revision })}>{direct ? t('completeDirectly') : t('approve')}</button>
        {direct ? null : <button type="button" className="secondary" disabled={busy || !reason.trim()} onClick={() => void run(`/api/supervision/items/${itemId}/review`, { approve: false, reason, revision }, () => setReason(''))}>{t('sendBack')}</button>}
      </div>
    </div>
  )
}

/** 评价. */
export function RateForm({ itemId }: { itemId: string }) {
  const t = useTranslations('supervision')
  const { error, busy, run } = useAction()
  const [rating, setRating] = useState('GOOD')
  const [score, setScore] = useState('')
  const [comment, setComment] = useState('')
  return (
    <div className="stack" data-testid="rate-panel">
      <ErrorAlert error={error} />
      <div className="row">
        {(['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const).map((r) => (
          <label key={r} className="check"><input type="radio" name="rating" value={r} checked={rating === r} onChange={() => setRating(r)} />{t(`rating.${r}`)}</label>
        ))}
      </div>
      <label>{t('score')}<input inputMode="numeric" value={score} onChange={(e) => setScore(e.target.value.replace(/\D/g, '').slice(0, 3))} /></label>
      <label>{t('rateComment')}<input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} /></label>
      <div><button type="button" disabled={busy} onClick={() => void run(`/api/supervision/items/${itemId}/rate`, { rating, comment, ...(score ? { score: Number(score) } : {}) })}>{t('rate')}</button></div>
    </div>
  )
}
