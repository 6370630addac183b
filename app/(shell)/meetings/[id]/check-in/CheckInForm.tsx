'use client'
import jsQR from 'jsqr'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

/**
 * Check in by the QR on the room's screen (the phone camera, decoded here with jsQR — bundled and
 * served by the platform, no CDN — or the link the phone's own camera app opened) or the short code.
 */
export function CheckInForm({ meetingId, token }: { meetingId: string; token: string | null }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [scanning, setScanning] = useState(false)
  const [cameraError, setCameraError] = useState(false)
  const video = useRef<HTMLVideoElement>(null)

  async function send(json: { token: string } | { code: string }) {
    const result = await api(`/api/meetings/${meetingId}/check-in`, { json })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }

  useEffect(() => {
    if (!scanning) return
    let stream: MediaStream | null = null
    let frame = 0
    let stopped = false
    const canvas = document.createElement('canvas')
    const context = canvas.getContext('2d', { willReadFrequently: true })
    async function start() {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      } catch {
        setCameraError(true)
        setScanning(false)
        return
      }
      const el = video.current!
      el.srcObject = stream
      await el.play().catch(() => undefined)
      const tick = () => {
        if (stopped) return
        if (el.readyState >= 2 && context) {
          const w = Math.min(el.videoWidth, 800)
          const h = Math.round((el.videoHeight * w) / Math.max(1, el.videoWidth))
          canvas.width = w
          canvas.height = h
          context.drawImage(el, 0, 0, w, h)
          const found = jsQR(context.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })
          const scanned = found?.data ? safeToken(found.data) : null
          if (scanned) {
            stopped = true
            setScanning(false)
            void send({ token: scanned })
            return
          }
        }
        frame = window.setTimeout(tick, 200)
      }
      tick()
    }
    void start()
    return () => {
      stopped = true
      clearTimeout(frame)
      stream?.getTracks().forEach((track) => track.stop())
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanning])

  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {token ? <div><button type="button" onClick={() => void send({ token })}>{t('checkInNow')}</button></div> : null}
      <div className="stack">
        {scanning ? <video ref={video} className="scanner" playsInline muted aria-label={t('scanning')} /> : null}
        <div className="row">
          <button type="button" className="secondary" onClick={() => { setCameraError(false); setScanning((s) => !s) }}>{scanning ? t('stopScan') : t('scan')}</button>
        </div>
        {cameraError ? <p className="alert" role="alert">{t('cameraDenied')}</p> : null}
      </div>
      <form className="row" action={(form) => send({ code: String(form.get('code') ?? '').trim() })}>
        <label>{t('shortCode')}<input name="code" inputMode="numeric" pattern="\d{6}" maxLength={6} required autoComplete="one-time-code" /></label>
        <button type="submit">{t('checkInCode')}</button>
      </form>
    </div>
  )
}

/**
 * The QR holds the check-in link (PUBLIC_URL/meetings/<id>/check-in?t=…); take its token only if the
 * link is this meeting's check-in page. The host may differ (PUBLIC_URL behind a proxy): the token is
 * only ever sent to this platform, which checks its signature.
 */
function safeToken(data: string): string | null {
  try {
    const url = new URL(data, window.location.origin)
    const token = url.searchParams.get('t')
    return url.pathname === window.location.pathname && token && /^\d+\.[\w-]+$/.test(token) ? token : null
  } catch {
    return null
  }
}
