'use client'
import '@livekit/components-styles'
import { LiveKitRoom, RoomAudioRenderer, VideoConference, useLocalParticipant, useParticipants } from '@livekit/components-react'
import { Track } from 'livekit-client'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { api, type ApiError } from '../../../../lib/client-api.ts'
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx'

type Joined = { token: string; url: string; role: 'host' | 'speaker' | 'attendee' }

/**
 * The meeting's LiveKit room. A token is asked for only on 加入 (it lives ten minutes); a refused or
 * unreachable server shows a clear message and a retry. On a phone (or by choice) it joins audio-only.
 */
export function VideoRoom({ meetingId, role }: { meetingId: string; role: 'host' | 'speaker' | 'attendee' }) {
  const t = useTranslations('meetings')
  const [joined, setJoined] = useState<Joined | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  // Phones start audio-only (weak networks); the person may change it before joining.
  const [audioOnly, setAudioOnly] = useState(() => typeof window !== 'undefined' && window.matchMedia('(max-width: 768px)').matches)

  async function join() {
    setFailure(null)
    const result = await api<Joined>(`/api/meetings/${meetingId}/video/token`, { method: 'POST' })
    if (!result.ok) return setError(result.error)
    setError(null)
    setJoined(result.data)
  }

  if (!joined) {
    return (
      <div className="stack">
        <ErrorAlert error={error} />
        {failure ? <div className="alert" role="alert">{t('videoConnectFailed')}</div> : null}
        <p className="small muted">{t(`videoRoles.${role}`)}</p>
        <label className="check"><input type="checkbox" checked={audioOnly} onChange={(e) => setAudioOnly(e.target.checked)} suppressHydrationWarning /><span>{t('audioOnly')}</span></label>
        <div><button type="button" onClick={() => void join()}>{failure || error ? t('retry') : t('videoJoin')}</button></div>
        <p className="small muted">{t('videoPermissionHint')}</p>
      </div>
    )
  }
  const publishes = joined.role !== 'attendee'
  return (
    <div className="video-room" data-lk-theme="default">
      <LiveKitRoom
        token={joined.token} serverUrl={joined.url} connect
        audio={publishes} video={publishes && !audioOnly}
        options={{ adaptiveStream: true, dynacast: true }}
        onError={() => { setJoined(null); setFailure('error') }}
        onDisconnected={() => setJoined(null)}
        onMediaDeviceFailure={() => setFailure('device')}
      >
        {audioOnly ? <RoomAudioRenderer /> : <VideoConference />}
        <RoomTools meetingId={meetingId} role={joined.role} />
      </LiveKitRoom>
    </div>
  )
}

/** Raise a hand (attendees); for hosts, who is there and the controls. */
function RoomTools({ meetingId, role }: { meetingId: string; role: Joined['role'] }) {
  const t = useTranslations('meetings')
  const { localParticipant } = useLocalParticipant()
  const participants = useParticipants()
  const [error, setError] = useState<ApiError | null>(null)
  const handUp = localParticipant.attributes?.hand === 'up'
  async function control(json: Record<string, unknown>) {
    const result = await api(`/api/meetings/${meetingId}/video/control`, { json })
    setError(result.ok ? null : result.error)
  }
  async function record() {
    const result = await api(`/api/meetings/${meetingId}/video/record`, { method: 'POST' })
    setError(result.ok ? null : result.error)
  }
  return (
    <div className="stack video-tools">
      <ErrorAlert error={error} />
      <div className="row">
        {role === 'attendee' ? <button type="button" className="secondary" onClick={() => void localParticipant.setAttributes({ hand: handUp ? '' : 'up' })}>{handUp ? t('lowerHand') : t('raiseHand')}</button> : null}
        {role === 'host' ? <>
          <button type="button" className="secondary" onClick={() => void record()}>{t('record')}</button>
          <button type="button" className="danger" onClick={() => { if (window.confirm(t('endForAllConfirm'))) void control({ action: 'end' }) }}>{t('endForAll')}</button>
        </> : null}
      </div>
      {role === 'host' ? (
        <ul className="people">
          {participants.filter((p) => p.identity !== localParticipant.identity).map((p) => {
            const mic = p.getTrackPublication(Track.Source.Microphone)
            return (
              <li key={p.identity} className="spread">
                <span>{p.name || p.identity}{p.attributes?.hand === 'up' ? ` ✋ ${t('handRaised')}` : ''}</span>
                <span className="row">
                  {mic && !mic.isMuted ? <button type="button" className="secondary" onClick={() => void control({ action: 'mute', identity: p.identity, trackSid: mic.trackSid })}>{t('mute')}</button> : null}
                  {p.permissions?.canPublish ? <button type="button" className="secondary" onClick={() => void control({ action: 'revoke', identity: p.identity })}>{t('revokeSpeaking')}</button>
                    : <button type="button" className="secondary" onClick={() => void control({ action: 'grant', identity: p.identity })}>{t('grantSpeaking')}</button>}
                  <button type="button" className="secondary" onClick={() => void control({ action: 'remove', identity: p.identity })}>{t('removeParticipant')}</button>
                </span>
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}
