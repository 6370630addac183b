import { Redis } from 'ioredis'
import { config } from '../core/config.ts'
import type { Tx } from '../core/db/index.ts'
import { logger } from '../core/logger.ts'
import type { MessageView } from './views.ts'

/**
 * What live delivery passes on (after the change has committed). Messages carry their sequence, so a
 * socket that sees a gap reads the missing ones from the database (the truth) before going on.
 */
export type MessagingEvent =
  | { t: 'msg'; c: string; seq: number; m: MessageView }
  | { t: 'recall'; c: string; seq: number; id: string }
  /** The message was sent as an urgent notice (必达). */
  | { t: 'notice'; c: string; seq: number; id: string; noticeId: string }
  | { t: 'read'; c: string; p: string; seq: number }
  /** These people's conversations may have changed (added to or removed from a group). */
  | { t: 'people'; p: string[] }

/**
 * The database NOTIFYs this channel (migration `messaging`) with a person's id when their membership
 * may have changed: posts, member rows, a document's co-drafters, tasks, delegations, role grants.
 */
export const MESSAGING_ACCESS_CHANNEL = 'xietong_messaging_access'

/** Tell live delivery, on commit, that these people's conversations changed (operations that change member rows get it from the trigger). */
export async function notifyMessagingAccess(tx: Tx, personIds: string[]): Promise<void> {
  for (const id of new Set(personIds)) await tx.$executeRaw`SELECT pg_notify(${MESSAGING_ACCESS_CHANNEL}, ${id})`
}

type Sink = (event: MessagingEvent) => void
type Shared = { sinks: Set<Sink>; redis?: Redis; redisUrl?: string | null; prefix: string }
const state = globalThis as unknown as { __xietongMessaging?: Shared }
const shared = (): Shared => (state.__xietongMessaging ??= { sinks: new Set(), prefix: 'xietong:messaging:' })

/**
 * Live hubs in this process register here when they serve alone (the hub lives in the platform's
 * server process; route handlers are bundled apart by Next, so the registry is on globalThis). With a
 * Redis URL every event goes through Redis, and each process's hub hears it once from its one subscription.
 */
export function registerMessagingSink(sink: Sink): () => void {
  const s = shared()
  s.sinks.add(sink)
  return () => s.sinks.delete(sink)
}

/** Where this process publishes (the hub sets it at start; default REDIS_URL and `xietong:messaging:`). */
export function configureMessagingPublisher(options: { redisUrl?: string | null; prefix?: string }): void {
  const s = shared()
  if (options.redisUrl !== undefined && options.redisUrl !== s.redisUrl) {
    void s.redis?.quit().catch(() => undefined)
    s.redis = undefined
    s.redisUrl = options.redisUrl
  }
  if (options.prefix) s.prefix = options.prefix
}

export function messagingChannel(prefix = shared().prefix): string {
  return `${prefix}events`
}

/** Pass an event (after its change committed) to every live hub: through Redis when configured, else this process's hubs. */
export function publishMessaging(event: MessagingEvent): void {
  const s = shared()
  const url = s.redisUrl === undefined ? config().REDIS_URL : s.redisUrl
  if (url) {
    s.redis ??= new Redis(url, { maxRetriesPerRequest: 2 })
    s.redis.publish(messagingChannel(), JSON.stringify(event)).catch((error: unknown) => logger.warn({ err: error }, 'messaging publish failed'))
    return
  }
  for (const sink of s.sinks) sink(event)
}

/** Close the publishing connection (tests, shutdown). */
export async function closeMessagingPublisher(): Promise<void> {
  const s = shared()
  const redis = s.redis
  s.redis = undefined
  await redis?.quit().catch(() => undefined)
}
