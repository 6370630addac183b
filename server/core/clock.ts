/**
 * The one source of "now" for timing rules (lockouts, session expiry, due dates), so tests can move
 * time instead of sleeping.
 */
let offsetMs = 0
let frozenAt: number | undefined

export const clock = {
  now(): Date {
    return new Date(frozenAt ?? Date.now() + offsetMs)
  },
  /** Tests only: move the clock forward. */
  advance(ms: number): void {
    if (frozenAt !== undefined) frozenAt += ms
    else offsetMs += ms
  },
  /** Tests only: stop the clock at a given instant. */
  freeze(at: Date = new Date()): void {
    frozenAt = at.getTime()
  },
  reset(): void {
    offsetMs = 0
    frozenAt = undefined
  },
}

export const minutes = (n: number) => n * 60_000
export const hours = (n: number) => n * 3_600_000
export const days = (n: number) => n * 86_400_000
