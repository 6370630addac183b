'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

export function SwapForm({ assignmentId, colleagues, theirs }: { assignmentId: string; colleagues: { id: string; name: string }[]; theirs: { id: string; personId: string; date: string; label: string }[] }) {
  const t = useTranslations('duty')
  const router = useRouter()
  const [kind, setKind] = useState<'SWAP' | 'REPLACE'>('SWAP')
  const [counterpartId, setCounterpart] = useState(colleagues[0]?.id ?? '')
  const options = theirs.filter((x) => x.personId === counterpartId)
  const [counterpartAssignmentId, setTheirs] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const chosen = options.some((o) => o.id === counterpartAssignmentId) ? counterpartAssignmentId : options[0]?.id ?? ''
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      setBusy(true)
      setError(null)
      const result = await api<{ id: string }>('/api/duty/swaps', { json: { kind, assignmentId, counterpartId, ...(kind === 'SWAP' ? { counterpartAssignmentId: chosen } : {}), reason } })
      setBusy(false)
      if (!result.ok) return setError(result.error)
      router.push(`/duty/swaps/${result.data.id}`)
    }}>
      <ErrorAlert error={error} />
      <fieldset className="row" style={{ gap: 16, border: 0, padding: 0 }}>
        <legend className="small">{t('swapKind')}</legend>
        <label className="row" style={{ gap: 6 }}><input type="radio" name="kind" checked={kind === 'SWAP'} onChange={() => setKind('SWAP')} style={{ width: 'auto' }} />{t('kinds.SWAP')}</label>
        <label className="row" style={{ gap: 6 }}><input type="radio" name="kind" checked={kind === 'REPLACE'} onChange={() => setKind('REPLACE')} style={{ width: 'auto' }} />{t('kinds.REPLACE')}</label>
      </fieldset>
      <label>{t('counterpart')}
        <select value={counterpartId} onChange={(e) => setCounterpart(e.target.value)} required>
          {colleagues.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      {kind === 'SWAP' ? (
        <label>{t('theirShift')}
          <select value={chosen} onChange={(e) => setTheirs(e.target.value)} required>
            {options.length === 0 ? <option value="">{t('noTheirShifts')}</option> : null}
            {options.map((o) => <option key={o.id} value={o.id}>{o.date} {o.label}</option>)}
          </select>
        </label>
      ) : null}
      <label>{t('swapReason')}<input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} /></label>
      <div><button type="submit" disabled={busy || !counterpartId || (kind === 'SWAP' && !chosen)}>{t('sendSwap')}</button></div>
    </form>
  )
}
