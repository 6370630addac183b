/**
 * The web process's metrics (Prometheus text format, prom-client). Requests are counted by route
 * pattern (`/documents/[id]`, from Next's routes manifest: `routePatterns`), never by raw URL, so the
 * number of series is bounded by the number of routes. Kept on globalThis: Next's bundle and the
 * platform's server (scripts/platform.ts) live in one process and must share one registry.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { poolStats } from '../core/db/index.ts'

export type WebMetrics = {
  registry: Registry
  requests: Counter<'method' | 'route' | 'status'>
  duration: Histogram<'method' | 'route'>
  inFlight: Gauge
  streams: Gauge<'kind'>
}

const holder = globalThis as unknown as { __xietongWebMetrics?: WebMetrics }

/** Latency buckets in seconds: a page is ~20–50 ms here, a PDF render a second or more. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export function webMetrics(): WebMetrics {
  if (holder.__xietongWebMetrics) return holder.__xietongWebMetrics
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'xietong_' })
  const requests = new Counter({ name: 'xietong_http_requests_total', help: 'HTTP requests answered, by route pattern', labelNames: ['method', 'route', 'status'] as const, registers: [registry] })
  const duration = new Histogram({ name: 'xietong_http_request_duration_seconds', help: 'Time from request to the end of the answer, by route pattern', labelNames: ['method', 'route'] as const, buckets: LATENCY_BUCKETS, registers: [registry] })
  const inFlight = new Gauge({ name: 'xietong_http_requests_in_flight', help: 'Requests being answered now', registers: [registry] })
  const streams = new Gauge({ name: 'xietong_open_streams', help: 'Long-lived connections open now (badge streams, messaging sockets)', labelNames: ['kind'] as const, registers: [registry] })
  new Gauge({
    name: 'xietong_db_pool_connections',
    help: "The process's database pool: open connections by state, and requests waiting for one",
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStats()
      if (!stats) return
      this.set({ state: 'total' }, stats.total)
      this.set({ state: 'idle' }, stats.idle)
      this.set({ state: 'waiting' }, stats.waiting)
    },
  })
  new Gauge({ name: 'xietong_db_pool_max', help: "The process's database pool size (DATABASE_POOL_SIZE)", registers: [registry], collect() { const s = poolStats(); if (s) this.set(s.max) } })
  holder.__xietongWebMetrics = { registry, requests, duration, inFlight, streams }
  return holder.__xietongWebMetrics
}

/** Methods outside this set are counted as OTHER (a client may send any token as a method). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function recordRequest(method: string | undefined, route: string, status: number, seconds: number): void {
  const m = webMetrics()
  const verb = method && METHODS.has(method) ? method : 'OTHER'
  m.requests.inc({ method: verb, route, status: String(status) })
  m.duration.observe({ method: verb, route }, seconds)
}
