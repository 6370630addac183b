'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from '../../lib/client-api.ts'
import type { MessageView } from '@/server/messaging/views.ts'

export type LiveFrame =
  | { t: 'ready'; conversations: Record<string, number> }
  | { t: 'msg'; m: MessageView }
  | { t: 'recall'; c: string; id: string; seq: number }
  | { t: 'notice'; c: string; id: string; seq: number; noticeId: string }
  | { t: 'read'; c: string; p: string; seq: number }
  | { t: 'added'; c: string; seq: number }
  | { t: 'removed'; c: string }
  | { t: 'reset'; c: string; seq: number }

export type Status = 'connecting' | 'connected' | 'offline'

/** A message written on this device and not yet stored: kept in localStorage until the server has it. */
export type Outgoing = { clientId: string; conversationId: string; text: string; mentionIds: string[]; mentionAll: boolean; replyToId?: string; fileId?: string; at: number }

const outboxKey = (personId: string) => `xt-messaging-outbox:${personId}`

export function readOutbox(personId: string): Outgoing[] {
  try {
    const raw = JSON.parse(localStorage.getItem(outboxKey(personId)) ?? '[]') as unknown
    return Array.isArray(raw) ? (raw as Outgoing[]) : []
  } catch {
    return []
  }
}
function writeOutbox(personId: string, items: Outgoing[]) {
  try {
    localStorage.setItem(outboxKey(personId), JSON.stringify(items))
  } catch { /* storage full or refused: the message stays in memory for this page */ }
}

export function newClientId(): string {
  return crypto.randomUUID()
}

/**
 * The live socket (ticket from the API, same origin), reconnecting with what it has seen per
 * conversation, and the outbox: messages written offline are kept on the device and sent, in order
 * and with their client ids (stored once however often retried), as soon as the network is back.
 */
export function useMessaging(options: {
  personId: string
  /** The last sequence this page has of each conversation (sent as `since` on every (re)connect). */
  seen: () => Record<string, number>
  onFrame: (frame: LiveFrame) => void
  onStored: (item: Outgoing, message: MessageView) => void
}) {
  const [status, setStatus] = useState<Status>('connecting')
  const [outbox, setOutbox] = useState<Outgoing[]>([])
  const ref = useRef(options)
  useEffect(() => {
    ref.current = options
  })
  const flushing = useRef(false)

  const flush = useCallback(async () => {
    if (flushing.current) return
    flushing.current = true
    try {
      for (;;) {
        const next = readOutbox(ref.current.personId)[0]
        if (!next) break
        const result = await api<{ message: MessageView }>(`/api/messaging/conversations/${next.conversationId}/messages`, {
          json: { clientId: next.clientId, text: next.text, mentionIds: next.mentionIds, mentionAll: next.mentionAll, replyToId: next.replyToId, fileId: next.fileId },
        })
        if (!result.ok && result.error.code === 'network') break
        // Stored (or refused for good, e.g. no longer a member): either way it leaves the outbox.
        const rest = readOutbox(ref.current.personId).filter((o) => o.clientId !== next.clientId)
        writeOutbox(ref.current.personId, rest)
        setOutbox(rest)
        if (result.ok) ref.current.onStored(next, result.data.message)
      }
    } finally {
      flushing.current = false
    }
  }, [])

  const enqueue = useCallback((item: Outgoing) => {
    const items = [...readOutbox(ref.current.personId), item]
    writeOutbox(ref.current.personId, items)
    setOutbox(items)
    void flush()
  }, [flush])

  useEffect(() => {
    // What an earlier visit left unsent (read after mount: the server render has no storage).
    const left = readOutbox(options.personId)
    if (left.length) void Promise.resolve().then(() => setOutbox(left))
    let ws: WebSocket | null = null
    let stopped = false
    let retry: ReturnType<typeof setTimeout> | undefined
    let attempt = 0
    const connect = async () => {
      if (stopped) return
      setStatus((s) => (s === 'connected' ? 'connecting' : s))
      const ticket = await api<{ ticket: string; path: string }>('/api/messaging/ticket', { method: 'POST' })
      if (stopped) return
      if (!ticket.ok) {
        setStatus('offline')
        return schedule()
      }
      const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${ticket.data.path}?ticket=${encodeURIComponent(ticket.data.ticket)}`)
      ws = socket
      socket.onopen = () => socket.send(JSON.stringify({ t: 'hello', since: ref.current.seen() }))
      socket.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as LiveFrame
        if (frame.t === 'ready') {
          attempt = 0
          setStatus('connected')
          void flush()
        }
        ref.current.onFrame(frame)
      }
      socket.onclose = (event) => {
        if (ws !== socket) return
        ws = null
        setStatus('offline')
        // 4403: the session ended; the next page load signs in again.
        if (event.code !== 4403) schedule()
      }
    }
    const schedule = () => {
      clearTimeout(retry)
      retry = setTimeout(() => void connect(), Math.min(10_000, 500 * 2 ** attempt++))
    }
    const online = () => {
      attempt = 0
      void flush()
      if (!ws) schedule()
    }
    const offline = () => setStatus('offline')
    window.addEventListener('online', online)
    window.addEventListener('offline', offline)
    void connect()
    return () => {
      stopped = true
      clearTimeout(retry)
      window.removeEventListener('online', online)
      window.removeEventListener('offline', offline)
      ws?.close()
    }
  }, [options.personId, flush])

  // While something waits to be sent, try again every few seconds (a network that came back without an 'online' event).
  const waiting = outbox.length > 0
  useEffect(() => {
    if (!waiting) return
    const timer = setInterval(() => void flush(), 3000)
    return () => clearInterval(timer)
  }, [waiting, flush])

  return { status, outbox, enqueue, flush }
}
