'use client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

export type PickedVideo = { id: string; posterUrl: string | null }

/**
 * A short video from the phone's camera (`accept="video/*" capture`): its size and, when the browser can
 * read it, its duration are checked here against the settings (the server checks again, and the real
 * type from the bytes); a poster frame is drawn on a canvas when the browser can decode the video,
 * else the report shows a video tile. Videos upload at once: they are too big to wait on the phone.
 */
export function VideoPicker({ itemId, maxMb, maxSeconds, videos, onChange }: { itemId: string; maxMb: number; maxSeconds: number; videos: PickedVideo[]; onChange: (v: PickedVideo[]) => void }) {
  const t = useTranslations('supervision')
  const [error, setError] = useState<ApiError | string | null>(null)
  const [busy, setBusy] = useState(false)

  async function pick(file: File | undefined) {
    if (!file) return
    setError(null)
    if (file.size > maxMb * 1024 * 1024) return setError(t('videoTooLarge', { max: `${maxMb} MB` }))
    if (typeof navigator !== 'undefined' && !navigator.onLine) return setError(t('videoNeedsNetwork'))
    setBusy(true)
    const frame = await posterFrame(file)
    if (frame.duration !== null && frame.duration > maxSeconds + 0.5) { setBusy(false); return setError(t('videoTooLong', { max: maxSeconds })) }
    const form = new FormData()
    form.set('file', file, file.name || 'video')
    if (frame.poster) form.set('poster', frame.poster, 'poster.jpg')
    const result = await api<{ id: string }>(`/api/supervision/items/${itemId}/videos`, { form })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    onChange([...videos, { id: result.data.id, posterUrl: frame.poster ? URL.createObjectURL(frame.poster) : null }])
  }

  return (
    <fieldset className="choose stack">
      <legend>{t('videos')}</legend>
      <ErrorAlert error={error} />
      <label className="button secondary" style={{ alignSelf: 'flex-start' }} aria-disabled={busy || videos.length >= 3}>
        {busy ? t('uploading') : t('takeVideo')}
        <input type="file" accept="video/*" capture="environment" className="visually-hidden" data-testid="video-input" disabled={busy || videos.length >= 3}
          onChange={(e) => { void pick(e.target.files?.[0]); e.target.value = '' }} />
      </label>
      <span className="small muted">{t('videoHint', { seconds: maxSeconds, max: `${maxMb} MB` })}</span>
      {videos.length ? (
        <div className="sv-photos">
          {videos.map((v) => (
            <span key={v.id} className="stack" style={{ gap: 2 }} data-testid="video-preview">
              {/* eslint-disable-next-line @next/next/no-img-element -- a local preview (blob: URL) */}
              {v.posterUrl ? <img src={v.posterUrl} alt={t('videos')} /> : <span className="sv-video-tile" aria-label={t('videos')}>▶ {t('videoTile')}</span>}
              <button type="button" className="secondary chip" onClick={() => onChange(videos.filter((x) => x.id !== v.id))}>{t('removePhoto')}</button>
            </span>
          ))}
        </div>
      ) : null}
    </fieldset>
  )
}

/** The video's duration and a JPEG of an early frame, when this browser can decode it (else nulls). */
function posterFrame(file: File): Promise<{ duration: number | null; poster: Blob | null }> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file)
    const video = document.createElement('video')
    let duration: number | null = null
    const done = (poster: Blob | null) => { clearTimeout(timer); URL.revokeObjectURL(url); video.removeAttribute('src'); resolve({ duration, poster }) }
    const timer = setTimeout(() => done(null), 5000)
    video.muted = true
    video.playsInline = true
    video.preload = 'auto'
    video.onerror = () => done(null)
    video.onloadedmetadata = () => {
      duration = Number.isFinite(video.duration) ? video.duration : null
      video.currentTime = Math.min(0.5, (duration ?? 1) / 2)
    }
    video.onseeked = () => {
      try {
        const scale = Math.min(1, 480 / Math.max(video.videoWidth, video.videoHeight))
        if (!video.videoWidth) return done(null)
        const canvas = document.createElement('canvas')
        canvas.width = Math.round(video.videoWidth * scale)
        canvas.height = Math.round(video.videoHeight * scale)
        canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height)
        canvas.toBlob((b) => done(b), 'image/jpeg', 0.75)
      } catch {
        done(null)
      }
    }
    video.src = url
  })
}
