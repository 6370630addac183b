import pg from 'pg'
import { config } from './config.ts'
import { logger } from './logger.ts'
import type { Tx } from './db/index.ts'

/**
 * Change events between processes over PostgreSQL LISTEN/NOTIFY. NOTIFY is transactional: listeners
 * hear about a change only once its transaction has committed, and never about one rolled back.
 */
export const INBOX_CHANNEL = 'xietong_inbox'

// A NOTIFY payload is limited to 8000 bytes; 150 UUIDs fit with room to spare.
const IDS_PER_NOTIFY = 150

/** Tell listeners (the live badges) that these people's inboxes changed, when `tx` commits. */
export async function notifyInboxChanged(tx: Tx, personIds: string[]): Promise<void> {
  const unique = [...new Set(personIds)]
  for (let i = 0; i < unique.length; i += IDS_PER_NOTIFY) {
    await tx.$executeRaw`SELECT pg_notify(${INBOX_CHANNEL}, ${unique.slice(i, i + IDS_PER_NOTIFY).join(',')})`
  }
}

/**
 * Updates written to a co-edited document from outside the co-editing server (restoring a version):
 * every realtime instance listening applies the stored update to the document if it has it open.
 * Payload: `{"doc": docName, "id": "<RealtimeUpdate id>"}`.
 */
export const REALTIME_UPDATE_CHANNEL = 'xietong_realtime_update'

/** Tell the co-editing servers that this stored update belongs to a document, when `tx` commits. */
export async function notifyRealtimeUpdate(tx: Tx, docName: string, updateId: bigint): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${REALTIME_UPDATE_CHANNEL}, ${JSON.stringify({ doc: docName, id: updateId.toString() })})`
}

/**
 * Someone's access to co-editing may have ended: database triggers (migration
 * `realtime_access_notify`) NOTIFY this channel with the person's id when a session of theirs is
 * deleted (signing out, sign-out-everywhere, deactivation, a password change) or their active flag or
 * password changes. The co-editing servers re-check that person's connections at once.
 */
export const REALTIME_ACCESS_CHANNEL = 'xietong_realtime_access'

/**
 * A co-edited document's access may have changed: triggers (migration `realtime_document_notify`)
 * NOTIFY this channel with the co-edited name (`document:<id>`) when a document's revision, status,
 * sign-off or co-drafters change, or its tasks do. The co-editing servers re-check its connections.
 * (The person channel above also carries post and delegation changes since that migration.)
 */
export const REALTIME_DOCUMENT_CHANNEL = 'xietong_realtime_document'

/**
 * A person's sessions, sign-in fields or grants changed (their id), or every grant may have (`*`):
 * migration `auth_cache_notify`. The web processes' auth cache forgets them (server/auth/auth-cache.ts);
 * the co-editing servers re-check those people's connections.
 */
export const AUTH_CHANNEL = 'xietong_auth_changed'

type Listener = () => void

type InboxListeners = { byPerson: Map<string, Set<Listener>>; listening?: Promise<ChannelListener> }
const state = globalThis as unknown as { __xietongInboxByPerson?: InboxListeners }

/**
 * Subscribe to changes of one person's inbox in this process. One dedicated connection serves every
 * subscriber; it reconnects if the database goes away. Listeners are kept by person, so a NOTIFY
 * naming 150 people wakes only those people's listeners (every stream used to hear every NOTIFY and
 * look for its person in the payload). Returns the unsubscribe function; a person's entry goes with
 * their last listener.
 */
export async function onInboxChanged(personId: string, listener: Listener): Promise<() => void> {
  const s: InboxListeners = (state.__xietongInboxByPerson ??= { byPerson: new Map<string, Set<Listener>>() })
  const add = () => {
    let set = s.byPerson.get(personId)
    if (!set) s.byPerson.set(personId, (set = new Set<Listener>()))
    set.add(listener)
  }
  const remove = () => {
    const set = s.byPerson.get(personId)
    if (!set) return
    set.delete(listener)
    if (set.size === 0) s.byPerson.delete(personId)
  }
  add()
  s.listening ??= listenOnChannel(INBOX_CHANNEL, (payload) => {
    for (const id of payload.split(',')) {
      const set = id ? s.byPerson.get(id) : undefined
      if (set) for (const l of set) l()
    }
  })
  try {
    await s.listening
  } catch (error) {
    // The next subscriber tries again rather than waiting on a connection that never came.
    s.listening = undefined
    remove()
    throw error
  }
  return remove
}

/** Listeners held in this process (tests: none left behind). */
export function inboxListenerCount(): number {
  let n = 0
  for (const set of state.__xietongInboxByPerson?.byPerson.values() ?? []) n += set.size
  return n
}

export type ChannelListener = { close: () => Promise<void> }

const RECONNECT_MS = 1000

/**
 * LISTEN on a channel over one dedicated connection. If the database goes away it reconnects (every
 * second until it succeeds); notifications sent meanwhile are lost, so `onLost` runs when the
 * connection goes and `onReconnect` once it listens again, for the caller to catch up from the tables. Resolves once listening; rejects if the
 * first connection fails.
 */
export async function listenOnChannel(
  channel: string,
  onNotification: (payload: string) => void,
  options: { url?: string; onReconnect?: () => void; onLost?: () => void } = {},
): Promise<ChannelListener> {
  const url = options.url ?? config().DATABASE_URL
  let client: pg.Client | undefined
  let isClosed = false
  let retry: NodeJS.Timeout | undefined

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url })
    let isLost = false
    const lost = (error?: Error) => {
      if (isLost) return
      isLost = true
      void c.end().catch(() => undefined)
      // Before `client` is set, the failure rejects connect() instead.
      if (client !== c || isClosed) return
      client = undefined
      logger.warn({ err: error, channel }, 'LISTEN connection lost; reconnecting')
      options.onLost?.()
      reconnect()
    }
    c.on('notification', (message) => {
      if (message.channel !== channel) return
      try {
        onNotification(message.payload ?? '')
      } catch (error) {
        // Thrown here it would escape through the socket's handler and end the process.
        logger.error({ err: error, channel }, 'notification handler failed')
      }
    })
    c.on('error', lost)
    c.on('end', () => lost())
    try {
      await c.connect()
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}`)
      if (isLost) throw new Error(`connection lost while starting to LISTEN on ${channel}`)
    } catch (error) {
      isLost = true
      // Not awaited: ending a client whose connection never opened may never settle.
      void c.end().catch(() => undefined)
      throw error
    }
    if (isClosed) return void (await c.end().catch(() => undefined))
    client = c
  }

  const reconnect = () => {
    retry = setTimeout(() => {
      connect().then(
        () => {
          if (isClosed) return
          logger.info({ channel }, 'LISTEN connection restored')
          options.onReconnect?.()
        },
        (error: unknown) => {
          logger.debug({ err: error, channel }, 'LISTEN reconnect failed; trying again')
          if (!isClosed) reconnect()
        },
      )
    }, RECONNECT_MS)
    retry.unref()
  }

  await connect()
  return {
    close: async () => {
      isClosed = true
      clearTimeout(retry)
      const c = client
      client = undefined
      await c?.end().catch(() => undefined)
    },
  }
}
