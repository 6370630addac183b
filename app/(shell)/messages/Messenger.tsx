'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useFormatter, useTranslations } from 'next-intl'
import { api } from '../../lib/client-api.ts'
import type { ConversationSummary } from '@/server/messaging/list-conversations.ts'
import type { MessageView } from '@/server/messaging/views.ts'
import { newClientId, useMessaging, type LiveFrame, type Outgoing } from './useMessaging.ts'
import { Composer, type ComposerSend } from './Composer.tsx'
import { NewTopic } from './NewTopic.tsx'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'

export type ConversationDetail = {
  id: string
  kind: 'DIRECT' | 'TOPIC' | 'UNIT' | 'DOCUMENT' | 'MEETING' | 'SUPERVISION'
  title: string
  documentId: string | null
  object: { kind: 'DOCUMENT' | 'MEETING' | 'SUPERVISION'; id: string; href: string } | null
  lastSeq: number
  isOwner: boolean
  pinned: boolean
  muted: boolean
  readSeq: number
  members: { personId: string; name: string; role: 'OWNER' | 'MEMBER'; readSeq: number }[]
}

type Props = {
  me: { id: string; name: string }
  initialConversations: ConversationSummary[]
  current: ConversationDetail | null
  initialMessages: MessageView[]
  focusSeq?: number
  /** May send urgent notices (必达), so may send a message as one. */
  maySendNotice?: boolean
}

const RECALL_MS = 2 * 60_000

/** 消息: the conversation list and, on desktop beside it (on a phone instead of it), one conversation. */
export function Messenger({ me, initialConversations, current: initialCurrent, initialMessages, focusSeq, maySendNotice = false }: Props) {
  const t = useTranslations('messaging')
  const format = useFormatter()
  const router = useRouter()
  const [conversations, setConversations] = useState(initialConversations)
  const [current, setCurrent] = useState(initialCurrent)
  const [messages, setMessages] = useState(initialMessages)
  const [gone, setGone] = useState(false)
  const [replyTo, setReplyTo] = useState<MessageView | null>(null)
  const [receiptsFor, setReceiptsFor] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<(MessageView & { conversationTitle: string })[] | null>(null)
  const [creating, setCreating] = useState(false)
  const [forwarding, setForwarding] = useState<string | null>(null)
  const [asNotice, setAsNotice] = useState<MessageView | null>(null)
  const [noticeBusy, setNoticeBusy] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const currentId = current?.id ?? null
  const listEnd = useRef<HTMLDivElement>(null)

  const state = useRef({ conversations, messages, currentId })
  useEffect(() => {
    state.current = { conversations, messages, currentId }
  })

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(timer)
  }, [])

  const lastSeqHere = messages.length ? messages[messages.length - 1]!.seq : (current?.lastSeq ?? 0)

  // Read up to the newest message shown, while the page is in front.
  const readSent = useRef(0)
  useEffect(() => {
    if (!currentId || gone) return
    const mark = () => {
      if (document.visibilityState !== 'visible' || lastSeqHere <= readSent.current) return
      readSent.current = lastSeqHere
      void api(`/api/messaging/conversations/${currentId}/read`, { json: { seq: lastSeqHere } })
      setConversations((list) => list.map((c) => (c.id === currentId ? { ...c, readSeq: Math.max(c.readSeq, lastSeqHere), unread: Math.max(0, c.lastSeq - Math.max(c.readSeq, lastSeqHere)) } : c)))
    }
    mark()
    document.addEventListener('visibilitychange', mark)
    return () => document.removeEventListener('visibilitychange', mark)
  }, [currentId, lastSeqHere, gone])

  const addMessage = useCallback((m: MessageView) => {
    if (m.conversationId === state.current.currentId) {
      setMessages((list) => {
        if (list.some((x) => x.seq === m.seq)) return list
        const next = [...list, m]
        next.sort((a, b) => a.seq - b.seq)
        return next
      })
    }
    setConversations((list) => {
      const found = list.find((c) => c.id === m.conversationId)
      if (!found) return list
      if (m.seq <= found.lastSeq && found.last) return list
      const mine = m.senderId === me.id
      const readSeq = mine ? m.seq : found.readSeq
      const updated: ConversationSummary = {
        ...found,
        lastSeq: Math.max(found.lastSeq, m.seq),
        readSeq,
        unread: Math.max(0, Math.max(found.lastSeq, m.seq) - readSeq),
        lastMessageAt: m.createdAt,
        last: { senderName: m.senderName, text: m.text, kind: m.kind, recalled: m.recalled, fileName: m.file?.name ?? null },
      }
      const rest = list.filter((c) => c.id !== m.conversationId)
      const pinned = rest.filter((c) => c.pinned)
      const others = rest.filter((c) => !c.pinned)
      return updated.pinned ? [updated, ...pinned, ...others] : [...pinned, updated, ...others]
    })
  }, [me.id])

  const refreshList = useCallback(async () => {
    const result = await api<{ conversations: ConversationSummary[] }>('/api/messaging/conversations')
    if (result.ok) setConversations(result.data.conversations)
  }, [])

  const catchUp = useCallback(async (conversationId: string) => {
    if (conversationId !== state.current.currentId) return
    const list = state.current.messages
    const after = list.length ? list[list.length - 1]!.seq : 0
    const result = await api<{ messages: MessageView[] }>(`/api/messaging/conversations/${conversationId}/messages?after=${after}&limit=200`)
    if (result.ok) for (const m of result.data.messages) addMessage(m)
  }, [addMessage])

  const onFrame = useCallback((frame: LiveFrame) => {
    if (frame.t === 'msg') addMessage(frame.m)
    else if (frame.t === 'recall') {
      setMessages((list) => list.map((m) => (m.id === frame.id ? { ...m, recalled: true, text: '', file: null, replyTo: null } : m)))
      setConversations((list) => list.map((c) => (c.id === frame.c && c.lastSeq === frame.seq && c.last ? { ...c, last: { ...c.last, recalled: true, text: '' } } : c)))
    } else if (frame.t === 'notice') {
      setMessages((list) => list.map((m) => (m.id === frame.id ? { ...m, noticeId: frame.noticeId } : m)))
    } else if (frame.t === 'read') {
      if (frame.c === state.current.currentId) setCurrent((c) => (c ? { ...c, members: c.members.map((m) => (m.personId === frame.p ? { ...m, readSeq: Math.max(m.readSeq, frame.seq) } : m)) } : c))
      // Read on another device of mine: the count follows.
      if (frame.p === me.id) setConversations((list) => list.map((c) => (c.id === frame.c ? { ...c, readSeq: Math.max(c.readSeq, frame.seq), unread: Math.max(0, c.lastSeq - Math.max(c.readSeq, frame.seq)) } : c)))
    } else if (frame.t === 'removed') {
      setConversations((list) => list.filter((c) => c.id !== frame.c))
      if (frame.c === state.current.currentId) setGone(true)
    } else if (frame.t === 'added') void refreshList()
    else if (frame.t === 'reset') void catchUp(frame.c)
    else if (frame.t === 'ready') {
      // Conversations that appeared while away.
      if (Object.keys(frame.conversations).some((id) => !state.current.conversations.some((c) => c.id === id))) void refreshList()
    }
  }, [addMessage, catchUp, refreshList, me.id])

  const seen = useCallback(() => {
    const since: Record<string, number> = {}
    for (const c of state.current.conversations) since[c.id] = c.lastSeq
    const here = state.current.messages
    if (state.current.currentId) since[state.current.currentId] = here.length ? here[here.length - 1]!.seq : (since[state.current.currentId] ?? 0)
    return since
  }, [])

  const onStored = useCallback((_item: Outgoing, m: MessageView) => addMessage(m), [addMessage])
  const { status, outbox, enqueue } = useMessaging({ personId: me.id, seen, onFrame, onStored })

  useEffect(() => {
    listEnd.current?.scrollIntoView({ block: 'end' })
  }, [messages.length, outbox.length, currentId])
  useEffect(() => {
    if (focusSeq) document.getElementById(`m-${focusSeq}`)?.scrollIntoView({ block: 'center' })
  }, [focusSeq])

  const send: ComposerSend = (text, mentionIds, mentionAll) => {
    if (!current) return
    enqueue({ clientId: newClientId(), conversationId: current.id, text, mentionIds, mentionAll, replyToId: replyTo?.id, at: Date.now() })
    setReplyTo(null)
  }

  async function sendFile(file: File) {
    if (!current) return
    const form = new FormData()
    form.append('file', file)
    const uploaded = await api<{ id: string }>(`/api/messaging/conversations/${current.id}/files`, { form })
    if (!uploaded.ok) return alert(uploaded.error.message)
    enqueue({ clientId: newClientId(), conversationId: current.id, text: '', mentionIds: [], mentionAll: false, fileId: uploaded.data.id, at: Date.now() })
  }

  async function forward(m: MessageView, toConversationId: string) {
    const result = await api(`/api/messaging/messages/${m.id}/forward`, { json: { toConversationId, clientId: newClientId() } })
    if (!result.ok) alert(result.error.message)
    setForwarding(null)
    setSelected(null)
  }

  const others = useMemo(() => current?.members.filter((m) => m.personId !== me.id) ?? [], [current, me.id])
  const unreadOf = (m: MessageView) => others.filter((o) => o.readSeq < m.seq)

  async function loadEarlier() {
    if (!current || !messages.length) return
    const result = await api<{ messages: MessageView[] }>(`/api/messaging/conversations/${current.id}/messages?before=${messages[0]!.seq}&limit=50`)
    if (result.ok) setMessages((list) => [...result.data.messages.filter((m) => !list.some((x) => x.seq === m.seq)), ...list])
  }

  async function sendAsNotice(m: MessageView) {
    setNoticeBusy(true)
    const result = await api<{ noticeId: string }>(`/api/messaging/messages/${m.id}/notice`, { json: {} })
    setNoticeBusy(false)
    setAsNotice(null)
    if (result.ok) setMessages((list) => list.map((x) => (x.id === m.id ? { ...x, noticeId: result.data.noticeId } : x)))
    else alert(result.error.message)
  }

  async function recall(m: MessageView) {
    const result = await api(`/api/messaging/messages/${m.id}/recall`, { method: 'POST' })
    if (result.ok) setMessages((list) => list.map((x) => (x.id === m.id ? { ...x, recalled: true, text: '' } : x)))
    else alert(result.error.message)
  }

  async function toggle(field: 'pinned' | 'muted') {
    if (!current) return
    const value = !current[field]
    const result = await api(`/api/messaging/conversations/${current.id}`, { method: 'PATCH', json: { [field]: value } })
    if (result.ok) {
      setCurrent({ ...current, [field]: value })
      setConversations((list) => list.map((c) => (c.id === current.id ? { ...c, [field]: value } : c)))
    }
  }

  async function search(event: React.FormEvent) {
    event.preventDefault()
    if (!query.trim()) return setResults(null)
    const result = await api<{ results: (MessageView & { conversationTitle: string })[] }>(`/api/messaging/search?q=${encodeURIComponent(query)}`)
    if (result.ok) setResults(result.data.results)
  }

  const time = (iso: string) => format.dateTime(new Date(iso), { hour: '2-digit', minute: '2-digit' })
  const pendingHere = outbox.filter((o) => o.conversationId === currentId && !messages.some((m) => m.clientId === o.clientId && m.senderId === me.id))

  return (
    <div className={`messenger${current ? ' has-current' : ''}`} data-status={status}>
      <section className="conv-pane" aria-label={t('conversations')}>
        <div className="conv-head">
          <h1 className="conv-heading">{t('title')}</h1>
          <form role="search" onSubmit={search} className="row" style={{ gap: 6, flexWrap: 'nowrap' }}>
            <input type="search" value={query} onChange={(e) => { setQuery(e.target.value); if (!e.target.value) setResults(null) }} placeholder={t('searchPlaceholder')} aria-label={t('search')} />
            <button type="submit" className="secondary">{t('searchButton')}</button>
          </form>
          <button type="button" className="secondary" onClick={() => setCreating(!creating)}>{t('newTopic')}</button>
          {creating ? <NewTopic onCreated={(id) => { setCreating(false); router.push(`/messages/${id}`); void refreshList() }} onCancel={() => setCreating(false)} /> : null}
        </div>
        {results ? (
          <div className="stack" style={{ gap: 4 }}>
            <h2 className="small muted" style={{ margin: '8px 12px' }}>{t('searchResults')}</h2>
            {results.length === 0 ? <p className="muted" style={{ padding: '0 12px' }}>{t('noResults')}</p> : (
              <ul className="conv-list">
                {results.map((r) => (
                  <li key={r.id}>
                    <Link className="conv-row" href={`/messages/${r.conversationId}?seq=${r.seq}`} data-testid="search-result">
                      <span className="conv-main">
                        <span className="conv-title">{r.conversationTitle || r.senderName}</span>
                        <span className="conv-last">{r.senderName}：{r.text || r.file?.name}</span>
                      </span>
                      <span className="small muted">{format.dateTime(new Date(r.createdAt), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : conversations.length === 0 ? <p className="muted" style={{ padding: 12 }}>{t('noConversations')}</p> : (
          <ul className="conv-list" data-testid="conversation-list">
            {conversations.map((c) => (
              <li key={c.id}>
                <Link className={`conv-row${c.id === currentId ? ' active' : ''}`} href={`/messages/${c.id}`} aria-current={c.id === currentId ? 'page' : undefined} data-testid="conversation">
                  <span className="avatar" aria-hidden="true">{(c.title || '?').slice(0, 1)}</span>
                  <span className="conv-main">
                    <span className="conv-title">{c.pinned ? <span className="badge">{t('pinned')}</span> : null} {c.title} <span className="small muted">{c.kind !== 'DIRECT' ? t(`kinds.${c.kind}`) : ''}</span></span>
                    <span className="conv-last">{c.last ? (c.last.recalled ? t('recalledBy', { name: c.last.senderName }) : t('lastMessage', { name: c.last.senderName, text: c.last.text || (c.last.kind === 'IMAGE' ? t('image') : `${t('file')} ${c.last.fileName ?? ''}`) })) : ''}</span>
                  </span>
                  <span className="conv-side">
                    <span className="small muted">{c.lastMessageAt ? time(c.lastMessageAt) : ''}</span>
                    {c.unread > 0 && c.id !== currentId ? <span className={`nav-badge${c.muted ? ' muted-badge' : ''}`} data-testid="unread" aria-label={t('unread', { count: c.unread })}>{c.unread > 99 ? '99+' : c.unread}</span> : null}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="chat-pane" aria-label={current?.title ?? t('title')}>
        {!current ? <p className="muted chat-empty">{t('selectConversation')}</p> : gone ? <p className="muted chat-empty">{t('selectConversation')}</p> : (
          <>
            <header className="chat-head">
              <Link href="/messages" className="show-phone" aria-label={t('back')}>←</Link>
              <div className="chat-title">
                <h2>{current.title}</h2>
                <span className="small muted">{t(`kinds.${current.kind}`)} · {t('members', { count: current.members.length })} · <span data-testid="live-status">{t(`status.${status}`)}</span></span>
              </div>
              <div className="row" style={{ gap: 4 }}>
                {current.object ? <Link className="button secondary" href={current.object.href}>{t(`openObject.${current.object.kind}`)}</Link> : null}
                <button type="button" className="secondary" onClick={() => void toggle('pinned')}>{current.pinned ? t('unpin') : t('pin')}</button>
                <button type="button" className="secondary hide-phone" onClick={() => void toggle('muted')}>{current.muted ? t('unmute') : t('mute')}</button>
              </div>
            </header>
            <ol className="chat-log" data-testid="chat-log">
              {messages.length && messages[0]!.seq > 1 ? <li className="chat-more"><button type="button" className="link" onClick={() => void loadEarlier()}>{t('loadEarlier')}</button></li> : null}
              {messages.length === 0 && pendingHere.length === 0 ? <li className="muted chat-more">{t('empty')}</li> : null}
              {messages.map((m) => {
                const mine = m.senderId === me.id
                if (m.recalled) return <li key={m.seq} id={`m-${m.seq}`} className="chat-system" data-testid="recalled">{mine ? t('recalledMine') : t('recalledBy', { name: m.senderName })}</li>
                const unread = mine ? unreadOf(m) : []
                const open = selected === m.id
                return (
                  <li key={m.seq} id={`m-${m.seq}`} className={`bubble-row${mine ? ' mine' : ''}${focusSeq === m.seq ? ' focus' : ''}`} data-testid="message" data-seq={m.seq}>
                    <span className="small muted bubble-meta">{mine ? '' : `${m.senderName} · `}{time(m.createdAt)}</span>
                    <div className="bubble" onClick={() => setSelected(open ? null : m.id)}>
                      {m.forwarded ? <span className="small muted">{t('forwarded')}</span> : null}
                      {m.replyTo ? <blockquote className="quote">{m.replyTo.recalled ? t('recalledBy', { name: m.replyTo.senderName }) : t('quote', { name: m.replyTo.senderName, text: m.replyTo.text })}</blockquote> : null}
                      {m.text ? <span className="bubble-text">{m.text}</span> : null}
                      {m.file ? (m.kind === 'IMAGE' ? (
                        <a href={`/api/messaging/files/${m.file.id}`} target="_blank" rel="noreferrer"><img className="chat-image" src={`/api/messaging/files/${m.file.id}?thumbnail=1`} alt={m.file.name} /></a>
                      ) : <a href={`/api/messaging/files/${m.file.id}`} className="file-chip">📄 {m.file.name} <span className="small muted">{Math.ceil(m.file.size / 1024)} KB</span></a>) : null}
                    </div>
                    {m.noticeId ? (
                      <Link className="badge red small" data-testid="message-notice" href={`/notices/${m.noticeId}`}>{mine ? t('noticeReceipts') : t('noticeSent')}</Link>
                    ) : null}
                    {mine ? (
                      <button type="button" className="link receipt" data-testid="receipt" onClick={() => setReceiptsFor(receiptsFor === m.id ? null : m.id)}>
                        {current.kind === 'DIRECT' ? (unread.length ? t('notRead') : t('read')) : unread.length ? t('unreadBy', { count: unread.length }) : t('allRead')}
                      </button>
                    ) : null}
                    {receiptsFor === m.id ? (
                      <div className="receipt-list small" data-testid="receipt-list">
                        <div><strong>{t('readList', { count: others.length - unread.length })}</strong> {others.filter((o) => o.readSeq >= m.seq).map((o) => o.name).join('、')}</div>
                        <div><strong>{t('unreadList', { count: unread.length })}</strong> {unread.map((o) => o.name).join('、')}</div>
                      </div>
                    ) : null}
                    {open ? (
                      <div className="bubble-actions">
                        <button type="button" className="link" onClick={() => { setReplyTo(m); setSelected(null) }}>{t('reply')}</button>
                        <button type="button" className="link" onClick={() => setForwarding(forwarding === m.id ? null : m.id)}>{t('forward')}</button>
                        {mine && now - new Date(m.createdAt).getTime() < RECALL_MS ? <button type="button" className="link" onClick={() => void recall(m)}>{t('recall')}</button> : null}
                        {mine && maySendNotice && !m.noticeId && others.length ? <button type="button" className="link" data-testid="as-notice" onClick={() => { setAsNotice(m); setSelected(null) }}>{t('asNotice')}</button> : null}
                        {forwarding === m.id ? (
                          <select aria-label={t('forwardTo')} defaultValue="" onChange={(e) => { if (e.target.value) void forward(m, e.target.value) }}>
                            <option value="" disabled>{t('forwardTo')}</option>
                            {conversations.filter((c) => c.id !== current.id).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
                          </select>
                        ) : null}
                      </div>
                    ) : null}
                  </li>
                )
              })}
              {pendingHere.map((o) => (
                <li key={o.clientId} className="bubble-row mine pending" data-testid="pending">
                  <div className="bubble"><span className="bubble-text">{o.text || t('file')}</span></div>
                  <span className="small muted">{status === 'offline' ? t('pending') : t('sending')}</span>
                </li>
              ))}
            </ol>
            <div ref={listEnd} />
            {status === 'offline' ? <p className="alert info small" role="status" style={{ margin: '0 12px' }}>{t('status.offline')}</p> : null}
            <Composer
              key={current.id}
              conversationId={current.id}
              members={others}
              canMentionAll={current.isOwner}
              replyTo={replyTo ? { name: replyTo.senderName, text: replyTo.text } : null}
              onCancelReply={() => setReplyTo(null)}
              onSend={send}
              onFile={(file) => void sendFile(file)}
            />
          </>
        )}
      </section>
      <ConfirmDialog open={!!asNotice} title={t('asNotice')} confirmLabel={t('asNotice')} cancelLabel={t('cancel')} busy={noticeBusy}
        onConfirm={() => { if (asNotice) void sendAsNotice(asNotice) }} onCancel={() => setAsNotice(null)}>
        <p>{t('asNoticeConfirm', { count: others.length })}</p>
        {asNotice?.text ? <blockquote className="quote">{asNotice.text}</blockquote> : null}
      </ConfirmDialog>
    </div>
  )
}
