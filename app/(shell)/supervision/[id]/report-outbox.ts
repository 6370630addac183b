'use client'
import { api, type ApiError, type ApiResult } from '../../../lib/client-api.ts'

/**
 * Reports written without network are kept on the phone (localStorage) and sent when it returns,
 * once: each carries a `clientKey` the server stores with the report, and photos already uploaded are
 * remembered, so a retry after a half-finished send repeats nothing.
 */
export type QueuedReport = {
  clientKey: string
  itemId: string
  /** Videos are uploaded when chosen (too big for localStorage); the queued report carries their ids. */
  body: { text: string; percent: number; problems: string; values: Record<string, number>; videoIds?: string[] }
  photos: { dataUrl: string; keepLocation: boolean; uploadedId?: string }[]
}

const KEY = 'xietong.supervision.outbox'

export function queuedReports(): QueuedReport[] {
  try { return JSON.parse(localStorage.getItem(KEY) ?? '[]') as QueuedReport[] } catch { return [] }
}

function save(list: QueuedReport[]) {
  localStorage.setItem(KEY, JSON.stringify(list))
  window.dispatchEvent(new Event('xietong-outbox'))
}

export function queueReport(report: QueuedReport) {
  save([...queuedReports().filter((r) => r.clientKey !== report.clientKey), report])
}

export function newClientKey(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

export async function uploadPhoto(itemId: string, blob: Blob, keepLocation: boolean): Promise<ApiResult<{ id: string }>> {
  const form = new FormData()
  form.set('file', blob, 'photo.jpg')
  if (keepLocation) form.set('keepLocation', '1')
  return api<{ id: string }>(`/api/supervision/items/${itemId}/photos`, { form })
}

/** Send one report (photos first); `network` when it should stay queued. */
export type SendOutcome = { outcome: 'sent' | 'network' | 'failed'; error?: ApiError }

export async function sendReport(r: QueuedReport, onPhoto?: (i: number, id: string) => void): Promise<SendOutcome> {
  const ids: string[] = []
  for (const [i, p] of r.photos.entries()) {
    if (p.uploadedId) { ids.push(p.uploadedId); continue }
    const blob = dataUrlToBlob(p.dataUrl)
    const up = await uploadPhoto(r.itemId, blob, p.keepLocation)
    if (!up.ok) return { outcome: up.error.code === 'network' ? 'network' : 'failed', error: up.error }
    p.uploadedId = up.data.id
    onPhoto?.(i, up.data.id)
    ids.push(up.data.id)
  }
  const result = await api(`/api/supervision/items/${r.itemId}/reports`, { json: { ...r.body, photoIds: ids, clientKey: r.clientKey } })
  if (!result.ok) return { outcome: result.error.code === 'network' ? 'network' : 'failed', error: result.error }
  return { outcome: 'sent' }
}

/** Try every queued report; keep those the network did not take. */
export async function flushReports(): Promise<number> {
  let sent = 0
  for (const r of queuedReports()) {
    const { outcome } = await sendReport(r, () => save(queuedReports().map((q) => (q.clientKey === r.clientKey ? r : q))))
    if (outcome === 'network') break
    save(queuedReports().filter((q) => q.clientKey !== r.clientKey))
    if (outcome === 'sent') sent += 1
  }
  return sent
}

/** Compress a camera photo in the browser: upright, at most 1600 px, JPEG 0.82 (the canvas drops EXIF). */
export async function compressPhoto(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', 0.82))
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/** A data: URL back to a Blob, without fetch (the page's CSP keeps connect-src to our own origin). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const [head, data = ''] = dataUrl.split(',', 2)
  const type = /^data:([^;,]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream'
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new Blob([bytes], { type })
}
