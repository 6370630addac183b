'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api } from '../../../lib/client-api.ts'

type Row = { kind: string; label: string; days: number }

export function RetentionForm({ kinds, revision, min, max }: { kinds: Row[]; revision: number; min: number; max: number }) {
  const t = useTranslations('messaging.retentionPage')
  const router = useRouter()
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(kinds.map((k) => [k.kind, String(k.days)])))
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form className="card stack" onSubmit={async (e) => {
      e.preventDefault()
      setBusy(true)
      setStatus(null)
      const days = Object.fromEntries(kinds.map((k) => [k.kind, Number(values[k.kind])]))
      const result = await api('/api/admin/message-retention', { method: 'PUT', json: { revision, days } })
      setBusy(false)
      if (result.ok) { setStatus({ ok: true, text: t('saved') }); router.refresh() }
      else setStatus({ ok: false, text: result.error.message })
    }}>
      <table>
        <thead><tr><th>{t('kind')}</th><th>{t('days')}</th></tr></thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k.kind}>
              <td><label htmlFor={`retention-${k.kind}`}>{k.label}</label></td>
              <td>
                <span className="row" style={{ gap: 6, flexWrap: 'nowrap' }}>
                  <input id={`retention-${k.kind}`} name={k.kind} type="number" inputMode="numeric" step={1} max={max} required
                    aria-describedby="retention-minimum" value={values[k.kind]} style={{ width: 110 }}
                    onChange={(e) => setValues((v) => ({ ...v, [k.kind]: e.target.value }))} />
                  <span className="small muted">{t('daysUnit')}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="retention-minimum" className="small muted">{t('minimum', { min })}</p>
      {status && <div className={status.ok ? 'alert success' : 'alert error'} role={status.ok ? 'status' : 'alert'}>{status.text}</div>}
      <div className="row"><button type="submit" disabled={busy}>{t('save')}</button></div>
    </form>
  )
}
