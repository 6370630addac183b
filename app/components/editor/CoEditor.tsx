'use client'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { useTranslations } from 'next-intl'
import { useEffect, useRef, useState } from 'react'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { api } from '../../lib/client-api.ts'
import { bodyExtensions } from '@/server/coediting/body-schema.ts'
import { CompositionGate } from './composition-gate.ts'
import { authorColour } from '@/server/coediting/author-colours.ts'

type Session = { gate: CompositionGate; provider: WebsocketProvider; right: 'edit' | 'read' }
type Ticket = { doc: string; right: 'edit' | 'read'; ticket: string; url: string | null; port: number }
type Connection = 'connecting' | 'connected' | 'offline' | 'no-server' | 'no-access'
type Peer = { clientId: number; name: string; color: string }

/** A person's caret has the colour their changes have in diffs (a pure function, shared). */
const personColour = (personId: string) => authorColour(personId)

function serverUrl(t: Ticket): string {
  if (t.url) return t.url
  const secure = window.location.protocol === 'https:'
  return `${secure ? 'wss' : 'ws'}://${window.location.hostname}:${t.port}`
}

/**
 * The co-edited body of a document: tiptap bound to a Yjs document that syncs with the co-editing
 * server (y-websocket protocol, with a short-lived ticket) and is kept in the browser (IndexedDB), so
 * edits made offline survive a reload and merge when the connection returns.
 */
export function CoEditor({ documentId, me, label, revision, ticketUrl }: {
  documentId: string; me: { id: string; name: string }; label: string; revision?: number
  /** Where the ticket comes from, for co-edited texts that are not a document's body (a meeting's minutes: `documentId` is then the local store's key). */
  ticketUrl?: string
}) {
  const t = useTranslations('editor')
  const [session, setSession] = useState<Session | null>(null)
  const [connection, setConnection] = useState<Connection>('connecting')
  const [synced, setSynced] = useState(false)
  const [pendingOffline, setPendingOffline] = useState(false)
  const [held, setHeld] = useState(0)
  const [holding, setHolding] = useState(0)
  // The live connection and the right it was opened with, for re-checking when the page's document moves on.
  const live = useRef<{ provider: WebsocketProvider; right: 'edit' | 'read'; fetchTicket: () => Promise<Ticket | 'gone' | null> } | null>(null)

  useEffect(() => {
    let cancelled = false
    let provider: WebsocketProvider | null = null
    let local: IndexeddbPersistence | null = null
    const gate = new CompositionGate()
    gate.onHeld = setHeld
    gate.onHolding = setHolding
    const ydoc = gate.network
    async function fetchTicket(): Promise<Ticket | 'gone' | null> {
      const result = await api<Ticket>(ticketUrl ?? `/api/documents/${documentId}/body-ticket`)
      if (result.ok) return result.data
      return result.error.code === 'not_found' ? 'gone' : null
    }
    void (async () => {
      local = new IndexeddbPersistence(`xietong:${documentId}:${me.id}`, ydoc)
      const ticket = await fetchTicket()
      if (cancelled) return
      if (ticket === 'gone') return setConnection('no-access')
      if (!ticket) return setConnection('no-server')
      // y-websocket stops for good on a 44xx close; ours are 4401 (right changed: reconnect with a fresh
      // ticket, below) and 4403 (access gone), so the provider itself never retries those.
      provider = new WebsocketProvider(serverUrl(ticket), ticket.doc, ydoc, { params: { ticket: ticket.ticket }, maxBackoffTime: 5000 })
      const current = { provider, right: ticket.right, fetchTicket }
      live.current = current
      provider.on('status', ({ status }) => {
        setConnection(status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline')
        if (status === 'connected') setPendingOffline(false)
      })
      provider.on('sync', (isSynced: boolean) => setSynced(isSynced))
      // Tickets are short-lived: take a fresh one whenever the connection drops; a person who lost
      // access (the server closes with 4403) stops retrying and reads what they have.
      provider.on('connection-close', (event) => {
        setSynced(false)
        void fetchTicket().then((next) => {
          if (cancelled || !provider) return
          if (next === 'gone') {
            provider.disconnect()
            setConnection('no-access')
          } else if (next) {
            provider.params = { ticket: next.ticket }
            if (next.right !== current.right || event?.code === 4403) {
              current.right = next.right
              setSession((s) => (s ? { ...s, right: next.right } : s))
            }
            // The server asked for a reconnect (4401) or closed for lost access that is back: connect
            // now, with the new ticket (the provider does not retry 44xx closes by itself).
            if (event && event.code >= 4400 && event.code <= 4499) provider.connect()
          }
        })
      })
      gate.editor.on('update', (_update: Uint8Array, origin: unknown) => {
        if (gate.isLocal(origin) && !provider?.wsconnected) setPendingOffline(true)
      })
      setSession({ gate, provider, right: ticket.right })
    })()
    // When the device reports it is offline (a train in a tunnel), stop waiting on a dead socket and
    // edit locally; reconnect as soon as it is back.
    const goOffline = () => provider?.disconnect()
    const goOnline = () => provider?.connect()
    window.addEventListener('offline', goOffline)
    window.addEventListener('online', goOnline)
    return () => {
      window.removeEventListener('offline', goOffline)
      window.removeEventListener('online', goOnline)
      cancelled = true
      live.current = null
      provider?.destroy()
      void local?.destroy()
      gate.destroy()
    }
  }, [documentId, me.id, ticketUrl])

  // After an action on the page (a new revision) the right may have changed (edit → read at 签发):
  // take a fresh ticket at once and reconnect with it, rather than wait for the server's re-check.
  const seenRevision = useRef(revision)
  useEffect(() => {
    if (seenRevision.current === revision) return
    seenRevision.current = revision
    const current = live.current
    if (!current) return
    void current.fetchTicket().then((next) => {
      if (live.current !== current) return
      if (next === 'gone') {
        current.provider.disconnect()
        setConnection('no-access')
        return
      }
      if (!next) return
      current.provider.params = { ticket: next.ticket }
      if (next.right !== current.right) {
        current.right = next.right
        setSession((s) => (s ? { ...s, right: next.right } : s))
        current.provider.disconnect()
        current.provider.connect()
      } else if (!current.provider.wsconnected) {
        current.provider.connect()
      }
    })
  }, [revision])

  const status = connection === 'connected'
    ? (synced ? t('saved') : t('syncing'))
    : connection === 'offline' ? (pendingOffline ? t('offlineKept') : t('offline'))
    : connection === 'no-access' ? t('noAccess')
    : connection === 'no-server' ? t('noServer')
    : t('connecting')
  const tone = connection === 'connected' && synced ? 'green' : connection === 'offline' || connection === 'connecting' ? 'amber' : connection === 'connected' ? 'gray' : 'red'

  return (
    <section className="coeditor" aria-label={label} data-held={held} data-holding={holding}>
      <div className="coeditor-status spread">
        <span className={`badge ${tone}`} role="status" data-testid="editor-status" data-state={connection} data-synced={synced ? 'yes' : 'no'}>{status}</span>
        {session ? <Peers provider={session.provider} me={me.id} /> : null}
      </div>
      {session ? <BodyEditor key={session.right} session={session} me={me} label={label} /> : <div className="doc-body doc-body-empty muted">{t('loading')}</div>}
    </section>
  )
}

function Peers({ provider, me }: { provider: WebsocketProvider; me: string }) {
  const t = useTranslations('editor')
  const [peers, setPeers] = useState<Peer[]>([])
  useEffect(() => {
    const update = () => {
      const list: Peer[] = []
      provider.awareness.getStates().forEach((state, clientId) => {
        const user = state.user as { name?: string; color?: string; id?: string } | undefined
        if (clientId !== provider.awareness.clientID && user?.name && user.id !== me) list.push({ clientId, name: user.name, color: user.color ?? '#666' })
      })
      setPeers(list)
    }
    provider.awareness.on('change', update)
    update()
    return () => provider.awareness.off('change', update)
  }, [provider, me])
  if (peers.length === 0) return null
  return (
    <span className="small muted peers" data-testid="editor-peers">
      {t('alsoEditing')}{' '}
      {peers.map((p) => <span key={p.clientId} className="peer" style={{ borderColor: p.color, color: p.color }}>{p.name}</span>)}
    </span>
  )
}

function BodyEditor({ session, me, label }: { session: Session; me: { id: string; name: string }; label: string }) {
  const editable = session.right === 'edit'
  const editor = useEditor({
    immediatelyRender: false,
    editable,
    extensions: [
      ...bodyExtensions,
      Collaboration.configure({ document: session.gate.editor, field: 'default' }),
      CollaborationCaret.configure({ provider: session.provider, user: { name: me.name, color: personColour(me.id), id: me.id } }),
    ],
    editorProps: { attributes: { class: 'doc-body', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', 'data-testid': 'doc-body' } },
  }, [session])
  // Nothing crosses while an input method composes: the pinyin stays on the typist's screen and
  // remote edits wait (see CompositionGate).
  useEffect(() => {
    const dom = editor?.view.dom
    if (!dom) return
    let ending: ReturnType<typeof setTimeout> | undefined
    const start = () => {
      // The next word's composition may start before the last one's release ran: keep holding.
      clearTimeout(ending)
      session.gate.compositionStarted()
    }
    // ProseMirror reads the committed characters from the page right after compositionend (a
    // microtask); let it, then send the result and apply what waited.
    const end = () => {
      clearTimeout(ending)
      ending = setTimeout(() => session.gate.compositionEnded(), 0)
    }
    dom.addEventListener('compositionstart', start)
    dom.addEventListener('compositionend', end)
    return () => {
      clearTimeout(ending)
      dom.removeEventListener('compositionstart', start)
      dom.removeEventListener('compositionend', end)
      session.gate.compositionEnded()
    }
  }, [editor, session])
  return (
    <>
      {editable && editor ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </>
  )
}

function Toolbar({ editor }: { editor: Editor }) {
  const t = useTranslations('editor')
  const [, force] = useState(0)
  const ref = useRef(editor)
  useEffect(() => {
    const rerender = () => force((n) => n + 1)
    ref.current.on('transaction', rerender)
    const e = ref.current
    return () => { e.off('transaction', rerender) }
  }, [])
  const button = (key: string, text: string, active: boolean, run: () => void) => (
    <button key={key} type="button" className={`tool ${active ? 'active' : ''}`} aria-pressed={active} title={t(`tools.${key}`)} aria-label={t(`tools.${key}`)} onMouseDown={(e) => e.preventDefault()} onClick={run}>{text}</button>
  )
  const chain = () => editor.chain().focus()
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar')}>
      {button('h1', '一、', editor.isActive('heading', { level: 1 }), () => chain().toggleHeading({ level: 1 }).run())}
      {button('h2', '（一）', editor.isActive('heading', { level: 2 }), () => chain().toggleHeading({ level: 2 }).run())}
      {button('h3', '1.', editor.isActive('heading', { level: 3 }), () => chain().toggleHeading({ level: 3 }).run())}
      {button('h4', '（1）', editor.isActive('heading', { level: 4 }), () => chain().toggleHeading({ level: 4 }).run())}
      {button('paragraph', t('paragraph'), editor.isActive('paragraph'), () => chain().setParagraph().run())}
      <span className="tool-sep" aria-hidden="true" />
      {button('bold', 'B', editor.isActive('bold'), () => chain().toggleBold().run())}
      {button('underline', 'U', editor.isActive('underline'), () => chain().toggleUnderline().run())}
      {button('bulletList', '•', editor.isActive('bulletList'), () => chain().toggleBulletList().run())}
      {button('orderedList', '1)', editor.isActive('orderedList'), () => chain().toggleOrderedList().run())}
      <span className="tool-sep" aria-hidden="true" />
      {button('table', '▦', editor.isActive('table'), () => (editor.isActive('table') ? chain().addRowAfter().run() : chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()))}
      {editor.isActive('table') ? button('deleteTable', '▦×', false, () => chain().deleteTable().run()) : null}
      {button('pageBreak', '⤓', false, () => chain().insertContent({ type: 'pageBreak' }).run())}
      {button('undo', '↶', false, () => chain().undo().run())}
      {button('redo', '↷', false, () => chain().redo().run())}
    </div>
  )
}
