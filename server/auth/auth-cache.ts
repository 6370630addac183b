/**
 * Sessions and grants kept in memory between requests, dropped the moment they change. Every request
 * used to read its session (one joined query) and its person's grants (one more); at human pace a
 * person's next request comes seconds later, so only a cache that lives that long helps, and only
 * one that hears of every change is safe. Triggers (migration `auth_cache_notify`) NOTIFY
 * `xietong_auth_changed` with a person's id when a session of theirs is deleted or changed, their
 * sign-in fields or active flag change, or a grant of theirs is made, changed or removed; `*` when a
 * role's permissions or a unit's active flag or place change (every cached grant). Each process
 * LISTENs and forgets what the payload names, so a revocation reaches every web process within the
 * notification's delivery (milliseconds; tested under 2 s). While the LISTEN connection is down
 * nothing is served from memory, and the cache is emptied when it comes back (changes in between
 * were not heard). Entries also expire after `TTL_MS`, and at most `MAX_ENTRIES` are kept (oldest
 * dropped first). Off under vitest (NODE_ENV=test) unless AUTH_CACHE=true: tests change rows and
 * read them back at once.
 */
import { config } from '../core/config.ts'
import { AUTH_CHANNEL, listenOnChannel, type ChannelListener } from '../core/events.ts'
import { logger } from '../core/logger.ts'

const TTL_MS = 60_000
const MAX_ENTRIES = 20_000
const RETRY_MS = 5_000

type Entry<T> = { value: T; personId: string; at: number }

class Bounded<T> {
  private entries = new Map<string, Entry<T>>()
  get(key: string): T | undefined {
    const e = this.entries.get(key)
    if (!e) return undefined
    if (performance.now() - e.at > TTL_MS) {
      this.entries.delete(key)
      return undefined
    }
    return e.value
  }
  set(key: string, personId: string, value: T): void {
    this.entries.delete(key)
    this.entries.set(key, { value, personId, at: performance.now() })
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
  }
  /** Change a kept value in place (the session's touch), keeping its age. */
  update(key: string, change: (value: T) => T): void {
    const e = this.entries.get(key)
    if (e) e.value = change(e.value)
  }
  delete(key: string): void {
    this.entries.delete(key)
  }
  forgetPerson(personId: string): void {
    for (const [k, e] of this.entries) if (e.personId === personId) this.entries.delete(k)
  }
  clear(): void {
    this.entries.clear()
  }
  get size(): number {
    return this.entries.size
  }
}

type State = {
  url: string
  sessions: Bounded<unknown>
  grants: Bounded<unknown>
  /** True while the LISTEN connection is up: only then is anything served from memory. */
  isHearing: boolean
  /** Moves on every change heard: a row read before a change is not kept after it. */
  epoch: number
  listening?: Promise<ChannelListener | null>
  retryAt: number
}

// On globalThis: Next's bundle and the platform's own modules share one cache per process.
const holder = globalThis as unknown as { __xietongAuthCache?: State }

function enabled(): boolean {
  const c = config()
  return process.env.AUTH_CACHE ? process.env.AUTH_CACHE === 'true' : c.NODE_ENV !== 'test'
}

function forget(s: State, payload: string) {
  s.epoch++
  if (payload === '*') return s.grants.clear()
  for (const id of payload.split(',')) {
    if (!id) continue
    s.sessions.forgetPerson(id)
    s.grants.delete(id)
  }
}

/** The process's cache, listening (or starting to); null when caching is off or not yet safe. */
function state(): State | null {
  if (!enabled()) return null
  const url = config().DATABASE_URL
  let s = holder.__xietongAuthCache
  if (!s || s.url !== url) {
    void s?.listening?.then((l) => l?.close())
    s = holder.__xietongAuthCache = { url, sessions: new Bounded(), grants: new Bounded(), isHearing: false, epoch: 0, retryAt: 0 }
  }
  if (!s.listening && performance.now() >= s.retryAt) {
    const current = s
    current.listening = listenOnChannel(AUTH_CHANNEL, (payload) => forget(current, payload), {
      url,
      onLost: () => {
        current.epoch++
        current.isHearing = false
        current.sessions.clear()
        current.grants.clear()
      },
      onReconnect: () => {
        current.epoch++
        current.sessions.clear()
        current.grants.clear()
        current.isHearing = true
      },
    }).then(
      (listener) => {
        current.isHearing = true
        return listener
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'auth cache: LISTEN failed; reading sessions from the database')
        current.listening = undefined
        current.retryAt = performance.now() + RETRY_MS
        return null
      },
    )
  }
  return s.isHearing ? s : null
}

export const authCache = {
  /** Read before the database: what is read is kept only if nothing changed meanwhile. */
  epoch(): number {
    return holder.__xietongAuthCache?.epoch ?? -1
  },
  session<T>(id: string): T | undefined {
    return state()?.sessions.get(id) as T | undefined
  },
  keepSession<T>(id: string, personId: string, row: T, epoch: number): void {
    const s = state()
    if (s && s.epoch === epoch) s.sessions.set(id, personId, row)
  },
  touchSession<T>(id: string, change: (row: T) => T): void {
    holder.__xietongAuthCache?.sessions.update(id, change as (v: unknown) => unknown)
  },
  dropSession(id: string): void {
    holder.__xietongAuthCache?.sessions.delete(id)
  },
  grants<T>(personId: string): T | undefined {
    return state()?.grants.get(personId) as T | undefined
  },
  keepGrants<T>(personId: string, grants: T, epoch: number): void {
    const s = state()
    if (s && s.epoch === epoch) s.grants.set(personId, personId, grants)
  },
  /** Tests: what is held, and whether it is served. */
  stats(): { sessions: number; grants: number; isHearing: boolean } {
    const s = holder.__xietongAuthCache
    return { sessions: s?.sessions.size ?? 0, grants: s?.grants.size ?? 0, isHearing: s?.isHearing ?? false }
  },
}
