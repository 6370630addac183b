'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import { api } from '../../../lib/client-api.ts'

type Row = { personId: string; name: string; unit: string; readAt: string | null; confirmedAt: string | null; pingCount: number }
type Data = { read: Row[]; confirmed: Row[]; openedOnly: Row[]; unread: Row[] }

/** Who confirmed receipt, who only opened the notice, who has not: refreshed every few seconds while the page is open. */
export function Receipts({ noticeId, initial }: { noticeId: string; initial: Data }) {
  const t = useTranslations('notices')
  const format = useFormatter()
  const [data, setData] = useState(initial)
  const [notice, setNotice] = useState<string | null>(null)
  useEffect(() => {
    const timer = setInterval(async () => {
      const result = await api<Data>(`/api/notices/${noticeId}/receipts`)
      if (result.ok) setData(result.data)
    }, 3000)
    return () => clearInterval(timer)
  }, [noticeId])
  const total = data.read.length + data.unread.length
  const share = total ? Math.round((100 * data.confirmed.length) / total) : 0
  const time = (at: string) => format.dateTime(new Date(at), { hour: '2-digit', minute: '2-digit' })
  return (
    <section className="card stack" aria-labelledby="receipts">
      <div className="spread">
        <h2 id="receipts" style={{ margin: 0 }}>{t('receipts')}</h2>
        <span className="row">
          <strong data-testid="read-count">{t('readCount', { read: data.read.length, total })}</strong>
          <strong data-testid="confirmed-count">{t('confirmedCount', { confirmed: data.confirmed.length })}</strong>
        </span>
      </div>
      <div className="progress" role="img" aria-label={`${t('progress')} ${share}%`}><span style={{ width: `${share}%` }} /></div>
      {data.unread.length + data.openedOnly.length ? (
        <div>
          <button type="button" className="secondary" onClick={async () => {
            const result = await api<{ pinged: number }>(`/api/notices/${noticeId}/reping`, { method: 'POST' })
            if (result.ok) setNotice(t('repinged', { count: result.data.pinged }))
          }}>{t('repingNow')}</button>
        </div>
      ) : null}
      {notice ? <div className="alert success" role="status">{notice}</div> : null}
      <div className="receipts">
        <div>
          <h3>{t('unreadList', { count: data.unread.length })}</h3>
          <ul className="small">
            {data.unread.map((r) => <li key={r.personId}>{r.name} <span className="muted">{r.unit}</span>{r.pingCount ? <span className="badge amber">{t('pinged', { count: r.pingCount })}</span> : null}</li>)}
          </ul>
        </div>
        <div>
          <h3>{t('openedList', { count: data.openedOnly.length })}</h3>
          <ul className="small">
            {data.openedOnly.map((r) => <li key={r.personId}>{r.name} <span className="muted">{r.unit} · {t('openedAt', { time: time(r.readAt!) })}</span>{r.pingCount ? <span className="badge amber">{t('pinged', { count: r.pingCount })}</span> : null}</li>)}
          </ul>
        </div>
        <div>
          <h3>{t('confirmedList', { count: data.confirmed.length })}</h3>
          <ul className="small">
            {data.confirmed.map((r) => <li key={r.personId}>{r.name} <span className="muted">{r.unit} · {t('confirmedTime', { time: time(r.confirmedAt!) })}</span></li>)}
          </ul>
        </div>
      </div>
    </section>
  )
}
