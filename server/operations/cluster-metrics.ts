/**
 * With several web processes (node:cluster, one port) a scrape reaches one of them; it asks the
 * primary, which gathers every web process's registry (prom-client's AggregatorRegistry: counters and
 * histograms summed, so `xietong_http_requests_total` is the instance's total) and answers it.
 */
import cluster from 'node:cluster'
import { randomUUID } from 'node:crypto'
import { AggregatorRegistry, type Registry } from 'prom-client'

const ASK = 'xietong:metrics-ask'
const ANSWER = 'xietong:metrics-answer'
const TIMEOUT_MS = 5000

type Ask = { type: typeof ASK; id: string }
type Answer = { type: typeof ANSWER; id: string; text?: string; error?: string }

/** In the primary: answer the web processes' asks with the aggregate of them all. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: Ask) => {
    if (message?.type !== ASK) return
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, text } satisfies Answer),
      (error: Error) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, error: error.message } satisfies Answer),
    )
  })
}

/** In a web process: offer `registry` to the primary's aggregation; `ask()` gets the aggregate. */
export function clusterMetricsClient(registry: Registry): { ask: () => Promise<string> } {
  // Constructing it installs prom-client's answer to the primary's requests in this process.
  new AggregatorRegistry()
  AggregatorRegistry.setRegistries([registry])
  const waiting = new Map<string, { resolve: (text: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>()
  process.on('message', (message: Answer) => {
    if (message?.type !== ANSWER) return
    const w = waiting.get(message.id)
    if (!w) return
    waiting.delete(message.id)
    clearTimeout(w.timer)
    if (message.text !== undefined) w.resolve(message.text)
    else w.reject(new Error(message.error ?? 'no metrics'))
  })
  return {
    ask: () =>
      new Promise<string>((resolve, reject) => {
        const id = randomUUID()
        const timer = setTimeout(() => (waiting.delete(id), reject(new Error('the primary did not answer'))), TIMEOUT_MS)
        waiting.set(id, { resolve, reject, timer })
        process.send!({ type: ASK, id } satisfies Ask)
      }),
  }
}
