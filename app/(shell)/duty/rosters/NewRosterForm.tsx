'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

export function NewRosterForm({ posts, initial }: { posts: { id: string; label: string }[]; initial: { start: string; end: string } }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [postId, setPostId] = useState(posts[0]?.id ?? '')
  const [startDate, setStart] = useState(initial.start)
  const [endDate, setEnd] = useState(initial.end)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      setBusy(true)
      setError(null)
      const result = await api<{ id: string }>('/api/duty/rosters', { json: { postId, startDate, endDate } })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      router.push(`/duty/rosters/${result.data.id}`)
    }}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <label>{t('post')}
          <select value={postId} onChange={(e) => setPostId(e.target.value)} required>
            {posts.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </label>
        <label>{t('startDate')}<input type="date" value={startDate} onChange={(e) => setStart(e.target.value)} required /></label>
        <label>{t('endDate')}<input type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} required /></label>
      </div>
      <div><button type="submit" disabled={busy || !postId}>{busy ? t('creating') : t('createAndGenerate')}</button></div>
    </form>
  )
}
