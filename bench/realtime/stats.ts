/** Count, p50, p95, p99 and max of a list of milliseconds, rounded to 0.1 ms (nearest-rank percentiles). */
export function summarize(xs: number[]): { count: number; p50: number | null; p95: number | null; p99: number | null; max: number | null } {
  if (!xs.length) return { count: 0, p50: null, p95: null, p99: null, max: null }
  const s = Float64Array.from(xs).sort()
  const at = (p: number) => +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!.toFixed(1)
  return { count: s.length, p50: at(50), p95: at(95), p99: at(99), max: +s[s.length - 1]!.toFixed(1) }
}
