'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'
import { QrScanner } from '../../../../components/QrScanner.tsx'

/**
 * Check in by the QR on the room's screen (the phone camera, decoded by the platform's QrScanner with
 * jsQR — bundled and served by the platform, no CDN — or the link the phone's own camera app opened) or the short code.
 */
export function CheckInForm({ meetingId, token }: { meetingId: string; token: string | null }) {
  const t = useTranslations('meetings')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [scanning, setScanning] = useState(false)
  const [cameraError, setCameraError] = useState(false)

  async function send(json: { token: string } | { code: string }) {
    const result = await api(`/api/meetings/${meetingId}/check-in`, { json })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }

  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {token ? <div><button type="button" onClick={() => void send({ token })}>{t('checkInNow')}</button></div> : null}
      <div className="stack">
        {scanning ? (
          <QrScanner
            label={t('scanning')}
            onError={() => { setCameraError(true); setScanning(false) }}
            onResult={(data) => {
              const scanned = safeToken(data)
              if (!scanned) return false
              setScanning(false)
              void send({ token: scanned })
              return true
            }}
          />
        ) : null}
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
