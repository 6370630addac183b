/**
 * The micro-app SDK: calls the platform over postMessage to the parent window (the platform's frame
 * host), each with a request id, a time-out and a typed error. Shaped after gdt-jsapi: ready,
 * getAuthCode, getLoginUser, chooseContact, scan, toast, openLink, chooseImage, uploadFile, notify,
 * setBadge, navigate. The host answers only its own frame, and the platform checks every call
 * against the app's scopes and the person's own rights.
 */

export type BridgeErrorCode =
  | 'timeout' | 'not_found' | 'rate_limited' | 'network' | 'cancelled' | 'internal' | 'camera_denied'
  | 'microapp.scope_not_granted' | 'microapp.consent_required' | 'microapp.consent_denied' | 'microapp.not_your_right'
  | 'microapp.wrong_client' | 'microapp.file_too_large' | 'microapp.file_type' | 'validation' | (string & {})

export class BridgeError extends Error {
  constructor(readonly code: BridgeErrorCode, message?: string) {
    super(message ?? code)
    this.name = 'BridgeError'
  }
}

type Reply = { xt: 1; id: string; ok: boolean; result?: unknown; error?: { code: string; message?: string } }
type Pending = { resolve: (value: unknown) => void; reject: (error: BridgeError) => void; timer: ReturnType<typeof setTimeout> }

const DEFAULT_TIMEOUT_MS = 15_000
const pending = new Map<string, Pending>()
let sequence = 0
let listening = false

function listen() {
  if (listening || typeof window === 'undefined') return
  listening = true
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent) return
    const reply = event.data as Reply
    if (!reply || reply.xt !== 1 || typeof reply.id !== 'string') return
    const waiting = pending.get(reply.id)
    if (!waiting) return
    pending.delete(reply.id)
    clearTimeout(waiting.timer)
    if (reply.ok) waiting.resolve(reply.result)
    else waiting.reject(new BridgeError(reply.error?.code ?? 'internal', reply.error?.message))
  })
}

/**
 * One call to the platform; rejects with a BridgeError (its `code`) or after `timeoutMs`. With
 * `repeatMs` the same request (same id) is posted again until answered: the host page may still be
 * starting when the app's first message comes (ready), and the first answer is the one taken.
 */
export function call<T>(api: string, params: Record<string, unknown> = {}, options: { timeoutMs?: number; repeatMs?: number } = {}): Promise<T> {
  listen()
  const id = `${Date.now().toString(36)}-${(++sequence).toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const post = () => window.parent.postMessage({ xt: 1, id, api, params }, '*')
  return new Promise<T>((resolve, reject) => {
    const repeat = options.repeatMs ? setInterval(() => { if (pending.has(id)) post() }, options.repeatMs) : undefined
    const done = () => clearInterval(repeat)
    const timer = setTimeout(() => {
      done()
      pending.delete(id)
      reject(new BridgeError('timeout'))
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    pending.set(id, { resolve: (v) => { done(); resolve(v as T) }, reject: (e) => { done(); reject(e) }, timer })
    post()
  })
}

export type LoginUser = { userId: string; name: string; account: string; units: { id: string; name: string }[] }
export type Contact = { userId: string; name: string; unit: string; title: string }

/** Resolves when the platform host has answered (the app is framed by Xietong). */
export const ready = () => call<{ appId: string; locale: string }>('ready', {}, { timeoutMs: 10_000, repeatMs: 250 })
/** A one-time code (two minutes, single use) for the app's back end, which exchanges it at /oidc/app-code. Scope user.basic. */
export const getAuthCode = (options: { clientId: string }) => call<{ code: string }>('getAuthCode', options)
/** Who is using the app. Scope user.basic. */
export const getLoginUser = () => call<LoginUser>('getLoginUser')
/** People chosen in the platform's own picker. Scope contact.read. */
export const chooseContact = (options: { title?: string; multiple?: boolean } = {}) => call<{ users: Contact[] }>('chooseContact', options, { timeoutMs: 300_000 })
/** The platform's camera scanner (a QR code); the app never gets the camera. Scope scan. Rejects `cancelled` or `camera_denied`. */
export const scan = () => call<{ text: string }>('scan', {}, { timeoutMs: 120_000 })
export const toast = (options: { text: string; type?: 'info' | 'success' | 'error' }) => call<Record<string, never>>('toast', options)
/** Opens an https link in a new tab (never the platform itself). */
export const openLink = (options: { url: string }) => call<Record<string, never>>('openLink', options)
/** A file the platform keeps for the app (7 days): `url` on the apps origin, which the app may fetch or show. */
export type FileRef = { fileId: string; name: string; size: number; type: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'; url: string }
/** Pictures the person chooses in the platform's own picker (JPEG, PNG, WebP up to 5 MB, checked by their bytes). Scope file.upload. */
export const chooseImage = (options: { count?: number } = {}) => call<{ files: FileRef[] }>('chooseImage', options, { timeoutMs: 300_000 })
/** Bytes the app made (base64 text, an ArrayBuffer, a typed array or a Blob): an image or a PDF, up to 5 MB. Scope file.upload. */
export const uploadFile = (options: { name: string; content: string | ArrayBuffer | ArrayBufferView | Blob }) => call<FileRef>('uploadFile', options as unknown as Record<string, unknown>, { timeoutMs: 60_000 })
/** A 待阅 in the recipients' inbox under the app's name (default: the person themself). Scope notify.send; others need the person's notice.send. */
export const notify = (options: { title: string; personIds?: string[]; url?: string }) => call<{ sent: number }>('notify', options)
/** The count on the app's workbench tile. */
export const setBadge = (options: { count: number }) => call<{ count: number }>('setBadge', options)
/** Records the app's own path in the platform's address (so a reload or a 待阅 link comes back here). */
export const navigate = (options: { path: string }) => call<Record<string, never>>('navigate', options)
