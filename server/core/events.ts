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

type Listener = (personIds: string[]) => void

const state = globalThis as unknown as { __xietongInboxListeners?: { listeners: Set<Listener>; client?: pg.Client; connecting?: Promise<void> } }

/**
 * Subscribe to inbox changes in this process. One dedicated connection serves every subscriber; it
 * reconnects if the database goes away. Returns the unsubscribe function.
 */
export async function onInboxChanged(listener: Listener): Promise<() => void> {
  const s = (state.__xietongInboxListeners ??= { listeners: new Set() })
  s.listeners.add(listener)
  if (!s.client) await (s.connecting ??= connect(s))
  return () => s.listeners.delete(listener)
}

async function connect(s: NonNullable<typeof state.__xietongInboxListeners>): Promise<void> {
  const client = new pg.Client({ connectionString: config().DATABASE_URL })
  client.on('notification', (message) => {
    const ids = (message.payload ?? '').split(',').filter(Boolean)
    for (const listener of s.listeners) listener(ids)
  })
  client.on('error', (error) => {
    logger.warn({ err: error }, 'inbox listener lost its connection; reconnecting')
    s.client = undefined
    s.connecting = undefined
    setTimeout(() => void (s.connecting ??= connect(s)).catch(() => undefined), 1000)
  })
  await client.connect()
  await client.query(`LISTEN ${INBOX_CHANNEL}`)
  s.client = client
  s.connecting = undefined
}
