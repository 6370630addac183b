'use client'
import { useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import { api } from '../../lib/client-api.ts'

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const padded = (value + '='.repeat((4 - (value.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/')
  const raw = atob(padded)
  const bytes = new Uint8Array(new ArrayBuffer(raw.length))
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i)
  return bytes
}

type State = 'unsupported' | 'off' | 'on' | 'denied' | 'working'

/** Turn push notifications on or off for this browser. */
export function PushPanel({ devices }: { devices: number }) {
  const t = useTranslations('account')
  const [state, setState] = useState<State>('working')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    // Read the browser's state after hydration (the server cannot know it).
    void (async () => {
      if (!('serviceWorker' in navigator) || !('PushManager' in window)) return setState('unsupported')
      if (Notification.permission === 'denied') return setState('denied')
      const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined)
      setState((await registration?.pushManager.getSubscription()) ? 'on' : 'off')
    })()
  }, [])

  async function enable() {
    setError(null)
    setState('working')
    try {
      const permission = await Notification.requestPermission()
      if (permission !== 'granted') return setState(permission === 'denied' ? 'denied' : 'off')
      const registration = (await navigator.serviceWorker.getRegistration()) ?? (await navigator.serviceWorker.register('/sw.js'))
      await navigator.serviceWorker.ready
      const key = await api<{ publicKey: string }>('/api/push/key')
      if (!key.ok) throw new Error(key.error.message)
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key.data.publicKey) })
      const saved = await api('/api/push/subscriptions', { json: subscription.toJSON() })
      if (!saved.ok) throw new Error(saved.error.message)
      setState('on')
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setState('off')
    }
  }

  async function disable() {
    setState('working')
    const registration = await navigator.serviceWorker.getRegistration()
    const subscription = await registration?.pushManager.getSubscription()
    if (subscription) {
      await api('/api/push/subscriptions', { method: 'DELETE', json: { endpoint: subscription.endpoint } })
      await subscription.unsubscribe()
    }
    setState('off')
  }

  return (
    <div className="stack">
      <p className="small muted">{t('pushHelp', { devices })}</p>
      {state === 'unsupported' ? <p className="small">{t('pushUnsupported')}</p> : null}
      {state === 'denied' ? <p className="small">{t('pushDenied')}</p> : null}
      {error ? <div className="alert error" role="alert">{error}</div> : null}
      <div>
        {state === 'on' ? <button type="button" className="secondary" onClick={disable}>{t('pushOff')}</button> : null}
        {state === 'off' ? <button type="button" className="secondary" onClick={enable}>{t('pushOn')}</button> : null}
      </div>
    </div>
  )
}
