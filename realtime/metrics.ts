/**
 * The co-editing server's metrics, on its own port (`GET /metrics`, same METRICS_TOKEN as the web
 * app's /api/metrics): connections, open documents, how long storing an update takes (from arrival to
 * commit, group commit included: what a typist waits before others see the keystroke) and the
 * batches written. One registry per server (tests start several in one process).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

export type RealtimeMetrics = {
  registry: Registry
  storeSeconds: Histogram
  storeFailures: Counter
}

export function realtimeMetrics(live: { connections: () => number; documents: () => number; batches: () => { batches: number; rows: number } }): RealtimeMetrics {
  const registry = new Registry()
  if (process.env.XIETONG_PROCESS_METRICS !== '0') collectDefaultMetrics({ register: registry, prefix: 'xietong_realtime_' })
  new Gauge({ name: 'xietong_realtime_connections', help: 'Co-editing connections open on this server', registers: [registry], collect() { this.set(live.connections()) } })
  new Gauge({ name: 'xietong_realtime_documents', help: 'Documents loaded on this server', registers: [registry], collect() { this.set(live.documents()) } })
  new Gauge({ name: 'xietong_realtime_store_batches', help: 'Group-commit batches written since start', registers: [registry], collect() { this.set(live.batches().batches) } })
  new Gauge({ name: 'xietong_realtime_store_rows', help: 'Updates stored since start', registers: [registry], collect() { this.set(live.batches().rows) } })
  const storeSeconds = new Histogram({ name: 'xietong_realtime_store_seconds', help: 'From an update arriving to its commit', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5], registers: [registry] })
  const storeFailures = new Counter({ name: 'xietong_realtime_store_failures_total', help: 'Updates that could not be stored (refused sessions excluded)', registers: [registry] })
  return { registry, storeSeconds, storeFailures }
}
