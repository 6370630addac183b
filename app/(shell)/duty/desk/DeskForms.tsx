'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

function usePost() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const send = async (path: string, json?: unknown) => {
    setBusy(true)
    setError(null)
    const result = await api<{ next?: number }>(path, { method: 'POST', json: json ?? {} })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return null
    }
    router.refresh()
    return result.data
  }
  return { busy, error, send }
}

export function SignOnButton({ assignmentId }: { assignmentId: string }) {
  const t = useTranslations('duty')
  const { busy, error, send } = usePost()
  return <><ErrorAlert error={error} /><button type="button" disabled={busy} onClick={() => void send(`/api/duty/assignments/${assignmentId}/sign-on`)}>{t('signOn')}</button></>
}

export function AcknowledgeButton({ handoverId }: { handoverId: string }) {
  const t = useTranslations('duty')
  const { busy, error, send } = usePost()
  return <><ErrorAlert error={error} /><button type="button" disabled={busy} onClick={() => void send(`/api/duty/handovers/${handoverId}/acknowledge`)}>{t('acknowledge')}</button></>
}

export function LogForm() {
  const t = useTranslations('duty')
  const { busy, error, send } = usePost()
  const [kind, setKind] = useState<'CALL' | 'EVENT' | 'NOTE'>('CALL')
  const [text, setText] = useState('')
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      if (await send('/api/duty/log', { kind, text })) setText('')
    }}>
      <ErrorAlert error={error} />
      <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
        {(['CALL', 'EVENT', 'NOTE'] as const).map((k) => (
          <label key={k} style={{ display: 'flex', gap: 6, alignItems: 'center' }}><input type="radio" name="log-kind" checked={kind === k} onChange={() => setKind(k)} style={{ width: 'auto' }} />{t(`logKinds.${k}`)}</label>
        ))}
      </div>
      <label>{t('logText')}<textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} required /></label>
      <div><button type="submit" disabled={busy || !text.trim()}>{t('addLog')}</button></div>
    </form>
  )
}

export function HandoverForm({ carried }: { carried: { text: string; isOpen: boolean }[] }) {
  const t = useTranslations('duty')
  const { busy, error, send } = usePost()
  const [note, setNote] = useState('')
  const [items, setItems] = useState(carried)
  const [draft, setDraft] = useState('')
  const [sent, setSent] = useState<number | null>(null)
  return (
    <form className="stack" onSubmit={async (e) => {
      e.preventDefault()
      const result = await send('/api/duty/handovers', { note, items })
      if (result) setSent(result.next ?? 0)
    }}>
      <ErrorAlert error={error} />
      {sent !== null ? <div className="alert" role="status">{t('handoverSent', { count: sent })}</div> : null}
      <label>{t('handoverNote')}<textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={4000} /></label>
      <fieldset className="stack" style={{ border: 0, padding: 0, gap: 6 }}>
        <legend className="small">{t('openItems')}</legend>
        {items.map((item, i) => (
          <label key={i} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input type="checkbox" checked={item.isOpen} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, isOpen: e.target.checked } : x)))} style={{ width: 'auto' }} />
            {item.text}
          </label>
        ))}
        <div className="row" style={{ gap: 8 }}>
          <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('itemText')} aria-label={t('itemText')} maxLength={300} />
          <button type="button" className="secondary" disabled={!draft.trim()} onClick={() => { setItems([...items, { text: draft.trim(), isOpen: true }]); setDraft('') }}>{t('addItem')}</button>
        </div>
      </fieldset>
      <div><button type="submit" disabled={busy}>{t('writeHandover')}</button></div>
    </form>
  )
}
