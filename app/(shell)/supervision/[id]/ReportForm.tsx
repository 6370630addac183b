'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import type { ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { VideoPicker, type PickedVideo } from './VideoPicker.tsx'
import { blobToDataUrl, compressPhoto, flushReports, newClientKey, queueReport, queuedReports, sendReport, type QueuedReport } from './report-outbox.ts'

type Photo = { dataUrl: string; keepLocation: boolean; size: number }

/**
 * 进展反馈 on a phone: text, percent, indicator values, problems, photos from the camera
 * (`capture=environment`) and short videos (VideoPicker), photos compressed here before upload unless the location is to be kept (then the
 * original goes and the server keeps its metadata). Without network the report waits on the phone.
 */
export function ReportForm({ itemId, indicators, video }: { itemId: string; indicators: { id: string; name: string; measure: string }[]; video: { maxMb: number; maxSeconds: number } }) {
  const t = useTranslations('supervision')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [text, setText] = useState('')
  const [percent, setPercent] = useState('')
  const [problems, setProblems] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
  const [photos, setPhotos] = useState<Photo[]>([])
  const [keepLocation, setKeepLocation] = useState(false)
  const [videos, setVideos] = useState<PickedVideo[]>([])
  const [notice, setNotice] = useState<string | null>(null)

  async function addPhotos(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const blob = keepLocation ? file : await compressPhoto(file).catch(() => file)
      setPhotos((ps) => [...ps, { dataUrl: '', keepLocation, size: blob.size }])
      const dataUrl = await blobToDataUrl(blob)
      setPhotos((ps) => ps.map((p, i) => (i === ps.length - 1 && !p.dataUrl ? { ...p, dataUrl } : p)))
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault()
    const report: QueuedReport = {
      clientKey: newClientKey(), itemId,
      body: { text, percent: Number(percent || 0), problems, values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])), videoIds: videos.map((v) => v.id) },
      photos: photos.filter((p) => p.dataUrl).map((p) => ({ dataUrl: p.dataUrl, keepLocation: p.keepLocation })),
    }
    setBusy(true)
    setNotice(null)
    const sent = typeof navigator !== 'undefined' && !navigator.onLine ? { outcome: 'network' as const } : await sendReport(report)
    setBusy(false)
    if (sent.outcome === 'failed') return setError(sent.error ?? null)
    setError(null)
    if (sent.outcome === 'network') {
      queueReport(report)
      setNotice(t('offlineSaved'))
    }
    setText(''); setPercent(''); setProblems(''); setValues({}); setPhotos([]); setVideos([])
    // Offline, a refresh would fail into a browser error page; the outbox refreshes once it has sent.
    if (sent.outcome === 'sent') router.refresh()
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="report-form">
      <ErrorAlert error={error} />
      {notice ? <div className="alert" role="status">{notice}</div> : null}
      <label>{t('reportText')}<textarea name="text" rows={3} required value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} /></label>
      <label>{t('percent')}<input name="percent" inputMode="numeric" required value={percent} onChange={(e) => setPercent(e.target.value.replace(/\D/g, '').slice(0, 3))} /></label>
      {indicators.map((x) => (
        <label key={x.id}>{x.name}{x.measure ? `（${x.measure}）` : ''}<input inputMode="decimal" value={values[x.id] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [x.id]: e.target.value }))} /></label>
      ))}
      <label>{t('problems')}<textarea name="problems" rows={2} value={problems} onChange={(e) => setProblems(e.target.value)} maxLength={2000} /></label>
      <fieldset className="choose stack">
        <legend>{t('photos')}</legend>
        <label className="button secondary" style={{ alignSelf: 'flex-start' }}>
          {t('takePhoto')}
          <input type="file" accept="image/*" capture="environment" multiple className="visually-hidden" data-testid="photo-input" onChange={(e) => { void addPhotos(e.target.files); e.target.value = '' }} />
        </label>
        <label className="check"><input type="checkbox" checked={keepLocation} onChange={(e) => setKeepLocation(e.target.checked)} />{t('keepLocation')}</label>
        {photos.length ? (
          <div className="sv-photos">
            {photos.map((p, i) => (
              <span key={i} className="stack" style={{ gap: 2 }}>
                {/* eslint-disable-next-line @next/next/no-img-element -- a local preview (data: URL) */}
                {p.dataUrl ? <img src={p.dataUrl} alt="" data-testid="photo-preview" /> : <span className="small muted">{t('uploading')}</span>}
                <button type="button" className="secondary chip" onClick={() => setPhotos((ps) => ps.filter((_, j) => j !== i))}>{t('removePhoto')}</button>
              </span>
            ))}
          </div>
        ) : null}
      </fieldset>
      <VideoPicker itemId={itemId} maxMb={video.maxMb} maxSeconds={video.maxSeconds} videos={videos} onChange={setVideos} />
      <div><button type="submit" disabled={busy || photos.some((p) => !p.dataUrl)}>{t('send')}</button></div>
    </form>
  )
}

/** Sends reports kept on the phone when the network returns, and says how many still wait. */
export function OfflineReports() {
  const t = useTranslations('supervision')
  const router = useRouter()
  const [count, setCount] = useState(0)
  const [sent, setSent] = useState(false)
  useEffect(() => {
    const update = () => setCount(queuedReports().length)
    const flush = async () => {
      if (!navigator.onLine || queuedReports().length === 0) return update()
      const n = await flushReports()
      update()
      if (n) { setSent(true); router.refresh() }
    }
    update()
    void flush()
    window.addEventListener('online', flush)
    window.addEventListener('xietong-outbox', update)
    return () => { window.removeEventListener('online', flush); window.removeEventListener('xietong-outbox', update) }
  }, [router])
  if (count) return <div className="alert" role="status" data-testid="offline-pending">{t('offlinePending', { count })}</div>
  return sent ? <div className="alert success" role="status">{t('offlineSent')}</div> : null
}
