'use client'
import { useTranslations } from 'next-intl'
import { useEffect, useRef, useState } from 'react'
import { api } from '../../../../lib/client-api.ts'
import { PeoplePicker, type PickedPerson } from '../../../../components/PeoplePicker.tsx'
import { QrScanner } from '../../../../components/QrScanner.tsx'

type Request = { xt: 1; id: string; api: string; params: Record<string, unknown> }
type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message?: string } }

/** At most this many calls of the frame in flight; more are refused here without reaching the server. */
const MAX_IN_FLIGHT = 8

function isRequest(data: unknown): data is Request {
  const m = data as Request
  return !!m && typeof m === 'object' && m.xt === 1 && typeof m.id === 'string' && m.id.length <= 64 && typeof m.api === 'string' && m.api.length <= 40 &&
    (m.params === undefined || (typeof m.params === 'object' && m.params !== null && !Array.isArray(m.params)))
}

/**
 * The frame host: the app runs in `sandbox="allow-scripts allow-forms"` (no allow-same-origin: its
 * origin is "null", it can touch nothing of ours) on the apps origin. A message is answered only if it
 * comes from this frame's own window (`event.source`), never by origin; the app is the one this page
 * framed, so no message can speak for another app. Replies go to that window only, with targetOrigin '*'
 * (the only way to reach an opaque origin).
 */
export function MicroAppHost({ appId, name, src, locale, scopes }: { appId: string; name: string; src: string; locale: string; scopes: string[] }) {
  const t = useTranslations('microapps.host')
  const tScope = useTranslations('microapps.scopes')
  const frame = useRef<HTMLIFrameElement>(null)
  const inFlight = useRef(0)
  const [toast, setToast] = useState<string | null>(null)
  const [consent, setConsent] = useState<{ scope: string; answer: (yes: boolean) => void } | null>(null)
  const [picker, setPicker] = useState<{ answer: (people: PickedPerson[] | null) => void } | null>(null)
  const [picked, setPicked] = useState<PickedPerson[]>([])
  const [scanner, setScanner] = useState<{ answer: (text: string | null, error?: string) => void } | null>(null)
  const [imagePicker, setImagePicker] = useState<{ multiple: boolean; answer: (files: File[] | null) => void } | null>(null)

  useEffect(() => {
    const ask = (scope: string) => new Promise<boolean>((resolve) => setConsent({ scope, answer: (yes) => { setConsent(null); resolve(yes) } }))
    // One call to the server (JSON, or a form for files), asking the person's consent once if it is needed.
    const relay = async (send: () => ReturnType<typeof api<{ result: unknown }>>, retried = false): Promise<Reply> => {
      const result = await send()
      if (result.ok) return { ok: true, result: result.data.result }
      if (result.error.code === 'microapp.consent_required' && !retried) {
        const scope = String((result.error as { details?: unknown }).details ?? '') || scopeOf(result.error.message)
        if (!(await ask(scope))) return { ok: false, error: { code: 'microapp.consent_denied' } }
        const granted = await api('/api/microapps/consent', { json: { appId, scope } })
        if (!granted.ok) return { ok: false, error: { code: granted.error.code, message: granted.error.message } }
        return relay(send, true)
      }
      return { ok: false, error: { code: result.error.code, message: result.error.message } }
    }
    const server = (api_: string, params: Record<string, unknown>) => relay(() => api<{ result: unknown }>('/api/microapps/bridge', { json: { appId, api: api_, params } }))
    const upload = (api_: 'chooseImage' | 'uploadFile', file: Blob, name: string) => relay(() => {
      const form = new FormData()
      form.set('appId', appId)
      form.set('api', api_)
      form.set('file', file, name)
      return api<{ result: unknown }>('/api/microapps/files', { form })
    })
    const handle = async (m: Request): Promise<Reply> => {
      const params = m.params ?? {}
      switch (m.api) {
        case 'ready':
          return { ok: true, result: { appId, locale } }
        case 'toast':
          setToast(String(params.text ?? '').slice(0, 200))
          setTimeout(() => setToast(null), 3000)
          return { ok: true, result: {} }
        case 'openLink': {
          let url: URL
          try { url = new URL(String(params.url)) } catch { return { ok: false, error: { code: 'validation' } } }
          if (url.protocol !== 'https:' || url.origin === window.location.origin) return { ok: false, error: { code: 'validation' } }
          window.open(url.href, '_blank', 'noopener,noreferrer')
          return { ok: true, result: {} }
        }
        case 'navigate': {
          const path = String(params.path ?? '').slice(0, 200)
          if (!/^[\w./?=&#-]*$/.test(path)) return { ok: false, error: { code: 'validation' } }
          const here = new URL(window.location.href)
          here.searchParams.set('path', path)
          window.history.replaceState(null, '', here)
          return { ok: true, result: {} }
        }
        case 'chooseContact': {
          // No picker for an app without the scope (the server would refuse the result anyway).
          if (!scopes.includes('contact.read')) return server('chooseContact', { personIds: [] })
          setPicked([])
          const people = await new Promise<PickedPerson[] | null>((resolve) => setPicker({ answer: (p) => { setPicker(null); resolve(p) } }))
          if (!people) return { ok: false, error: { code: 'cancelled' } }
          return server('chooseContact', { personIds: people.map((p) => p.id) })
        }
        case 'scan': {
          // The platform's own scanner, on the platform's origin (the app never gets the camera).
          if (!scopes.includes('scan')) return server('scan', { text: '' })
          const scanned = await new Promise<{ text: string | null; error?: string }>((resolve) => setScanner({ answer: (text, error) => { setScanner(null); resolve({ text, error }) } }))
          if (!scanned.text) return { ok: false, error: { code: scanned.error ?? 'cancelled' } }
          return server('scan', { text: scanned.text })
        }
        case 'chooseImage': {
          // The platform's picker: the app never sees the person's disk, only what they chose, once checked.
          if (!scopes.includes('file.upload')) return server('chooseImage', {})
          const count = Math.min(9, Math.max(1, Number(params.count) || 1))
          const files = await new Promise<File[] | null>((resolve) => setImagePicker({ multiple: count > 1, answer: (f) => { setImagePicker(null); resolve(f) } }))
          if (!files?.length) return { ok: false, error: { code: 'cancelled' } }
          const chosen: unknown[] = []
          for (const file of files.slice(0, count)) {
            const reply = await upload('chooseImage', file, file.name)
            if (!reply.ok) return reply
            chosen.push(...(reply.result as { files: unknown[] }).files)
          }
          return { ok: true, result: { files: chosen } }
        }
        case 'uploadFile': {
          if (!scopes.includes('file.upload')) return server('uploadFile', {})
          const blob = blobOf(params.content)
          if (!blob) return { ok: false, error: { code: 'validation' } }
          return upload('uploadFile', blob, String(params.name ?? 'file').slice(0, 120))
        }
        default:
          return server(m.api, params)
      }
    }
    const onMessage = (event: MessageEvent) => {
      const win = frame.current?.contentWindow
      if (!win || event.source !== win || !isRequest(event.data)) return
      const m = event.data
      if (inFlight.current >= MAX_IN_FLIGHT) {
        win.postMessage({ xt: 1, id: m.id, ok: false, error: { code: 'rate_limited' } }, '*')
        return
      }
      inFlight.current += 1
      void handle(m)
        .catch((): Reply => ({ ok: false, error: { code: 'internal' } }))
        .then((reply) => {
          inFlight.current -= 1
          win.postMessage({ xt: 1, id: m.id, ...reply }, '*')
        })
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  }, [appId, locale, scopes])

  return (
    <div className="microapp-host stack" style={{ gap: 8 }}>
      <iframe
        ref={frame}
        src={src}
        title={name}
        sandbox="allow-scripts allow-forms"
        referrerPolicy="no-referrer"
        allow=""
        data-testid="microapp-frame"
        style={{ width: '100%', minHeight: 'calc(100dvh - var(--topbar, 64px) - 160px)', border: '1px solid var(--line)', borderRadius: 8, background: '#fff' }}
      />
      {toast ? (
        // Above the phone's tab bar and over the frame, wherever the person has scrolled.
        <div className="alert" role="status" data-testid="microapp-toast" style={{ position: 'fixed', left: 16, right: 16, bottom: 'calc(88px + env(safe-area-inset-bottom))', zIndex: 50, maxWidth: 480, margin: '0 auto', background: 'var(--surface, #fff)' }}>{toast}</div>
      ) : null}
      {consent ? (
        <div className="card stack" role="dialog" aria-modal="true" aria-label={t('consentTitle')} data-testid="microapp-consent">
          <strong>{t('consentTitle')}</strong>
          <p>{t('consentText', { app: name, scope: tScope.has(consent.scope.replace('.', '_') as never) ? tScope(consent.scope.replace('.', '_') as never) : consent.scope })}</p>
          <div className="row">
            <button type="button" onClick={() => consent.answer(true)}>{t('allow')}</button>
            <button type="button" className="secondary" onClick={() => consent.answer(false)}>{t('deny')}</button>
          </div>
        </div>
      ) : null}
      {scanner ? (
        <div className="card stack" role="dialog" aria-modal="true" aria-label={t('scanTitle', { app: name })} data-testid="microapp-scanner">
          <strong>{t('scanTitle', { app: name })}</strong>
          <QrScanner label={t('scanning')} onResult={(text) => { scanner.answer(text); return true }} onError={() => scanner.answer(null, 'camera_denied')} />
          <div className="row"><button type="button" className="secondary" onClick={() => scanner.answer(null)}>{t('cancel')}</button></div>
        </div>
      ) : null}
      {imagePicker ? (
        <form className="card stack" role="dialog" aria-modal="true" aria-label={t('chooseImageTitle', { app: name })} data-testid="microapp-image-picker"
          onSubmit={(event) => { event.preventDefault(); const input = event.currentTarget.elements.namedItem('images') as HTMLInputElement; imagePicker.answer([...(input.files ?? [])]) }}>
          <strong>{t('chooseImageTitle', { app: name })}</strong>
          <label>{t('chooseImageLabel')}<input type="file" name="images" accept="image/jpeg,image/png,image/webp" multiple={imagePicker.multiple} required /></label>
          <div className="row">
            <button type="submit">{t('upload')}</button>
            <button type="button" className="secondary" onClick={() => imagePicker.answer(null)}>{t('cancel')}</button>
          </div>
        </form>
      ) : null}
      {picker ? (
        <div className="card stack" role="dialog" aria-modal="true" aria-label={t('chooseContact')}>
          <strong>{t('chooseContact')}</strong>
          <PeoplePicker value={picked} onChange={setPicked} label={t('chooseContact')} placeholder={t('searchPeople')} removeLabel={t('remove')} />
          <div className="row">
            <button type="button" onClick={() => picker.answer(picked)}>{t('choose')}</button>
            <button type="button" className="secondary" onClick={() => picker.answer(null)}>{t('cancel')}</button>
          </div>
        </div>
      ) : null}
    </div>
  )
}

/** uploadFile's content: base64 text, or bytes (an ArrayBuffer, a typed array or a Blob the app made). */
function blobOf(content: unknown): Blob | null {
  if (content instanceof Blob) return content
  if (content instanceof ArrayBuffer) return new Blob([content])
  if (ArrayBuffer.isView(content)) return new Blob([new Uint8Array(content.buffer, content.byteOffset, content.byteLength).slice()])
  if (typeof content === 'string' && content.length <= 7_000_000) {
    try {
      return new Blob([Uint8Array.from(atob(content.replace(/^data:[^,]*,/, '')), (c) => c.charCodeAt(0))])
    } catch {
      return null
    }
  }
  return null
}

/** The scope named in a consent_required message's parameters is also sent as `details`; older servers: parse. */
function scopeOf(message: string): string {
  return /[a-z]+\.[a-z]+/.exec(message)?.[0] ?? ''
}
