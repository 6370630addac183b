import { clock, minutes } from './clock.ts'

/**
 * Fixed-window request counters (one minute), kept in memory and bounded: at most `maxKeys` windows
 * are held. Windows are re-inserted when they restart, so the Map's order is the order the windows
 * began in and the oldest come first: expired ones are dropped from the front, and when every held
 * window is still live the oldest is dropped (its owner starts again at zero — the price of the
 * bound, paid only under a flood of distinct keys). Each instance counts for itself; behind a load
 * balancer with n instances a client can make up to n times the limit.
 */
export type RateLimiter = {
  /** Count one request for `key`; the seconds to wait when it is over `limit`, else null. */
  hit(key: string, limit: number): number | null
  readonly size: number
  clear(): void
}

const WINDOW_MS = minutes(1)

export function createRateLimiter(maxKeys: number): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>()

  function makeRoom(now: number) {
    for (const [key, w] of windows) {
      if (windows.size < maxKeys) return
      if (now - w.startedAt >= WINDOW_MS) windows.delete(key)
      else break
    }
    while (windows.size >= maxKeys) windows.delete(windows.keys().next().value!)
  }

  return {
    hit(key, limit) {
      const now = clock.now().getTime()
      let w = windows.get(key)
      if (!w || now - w.startedAt >= WINDOW_MS) {
        if (w) windows.delete(key)
        else makeRoom(now)
        w = { startedAt: now, count: 0 }
        windows.set(key, w)
      }
      w.count += 1
      if (w.count <= limit) return null
      return Math.max(1, Math.ceil((w.startedAt + WINDOW_MS - now) / 1000))
    },
    get size() {
      return windows.size
    },
    clear() {
      windows.clear()
    },
  }
}
