'use client'
import { useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import { api } from '../../../../../lib/client-api.ts'

type Display = { room: { name: string }; meeting: { id: string; title: string } | null; code?: string; svg?: string; expiresAt?: string }

/**
 * Fetches the next QR when the current one expires (one request per 30-second step from one screen
 * per room); on a failed fetch it tries again in 5 s and keeps the last code until then.
 */
export function RoomScreen({ roomId, initial }: { roomId: string; initial: Display }) {
  const t = useTranslations('meetings')
  const [display, setDisplay] = useState(initial)
  useEffect(() => {
    const wait = display.expiresAt ? Math.max(500, new Date(display.expiresAt).getTime() - Date.now() + 300) : 30_000
    const timer = setTimeout(async () => {
      const result = await api<Display>(`/api/meetings/rooms/${roomId}/display`)
      if (result.ok) setDisplay(result.data)
      else setDisplay((d) => ({ ...d, expiresAt: new Date(Date.now() + 5000).toISOString() }))
    }, wait)
    return () => clearTimeout(timer)
  }, [display, roomId])
  return (
    <div className="room-screen">
      <p className="room-screen-room">{display.room.name}</p>
      {display.meeting ? (
        <>
          <h1>{display.meeting.title}</h1>
          <div className="room-screen-qr" role="img" aria-label={t('scanToCheckIn')} dangerouslySetInnerHTML={{ __html: display.svg ?? '' }} />
          <p>{t('scanToCheckIn')}</p>
          <p className="room-screen-code" aria-label={t('shortCode')} data-testid="short-code">{display.code}</p>
        </>
      ) : <h1 className="muted">{t('noCurrentMeeting')}</h1>}
    </div>
  )
}
