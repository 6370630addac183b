/** Limits that keep one connection from hurting the others. Typed options over defaults. */
export type Limits = {
  /** Largest WebSocket message accepted (bytes); larger ones close the connection (1009). */
  maxMessageBytes: number
  /** Largest document (bytes of its encoded state); updates that would pass it are refused. */
  maxDocumentBytes: number
  /** Messages per second per connection, with a burst of twice that. */
  messagesPerSecond: number
}

export const defaultLimits: Limits = { maxMessageBytes: 1024 * 1024, maxDocumentBytes: 16 * 1024 * 1024, messagesPerSecond: 100 }

/** A token bucket: `take()` is false once the connection sends faster than allowed. */
export class RateLimiter {
  private tokens: number
  private last = Date.now()
  constructor(private readonly perSecond: number) {
    this.tokens = perSecond * 2
  }
  take(): boolean {
    const now = Date.now()
    this.tokens = Math.min(this.perSecond * 2, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
