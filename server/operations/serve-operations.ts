/**
 * The endpoints a load balancer and a monitoring system use, answered by the platform's HTTP server
 * (scripts/platform.ts) before Next: `/api/ready` needs the server's own draining state, and
 * `/api/metrics` the process's (or the cluster's) registry. `/api/health` stays a Next route.
 *   GET /api/ready    200 ready | 503 not_ready (database or Redis down) | 503 draining (shutting down)
 *   GET /api/metrics  Prometheus text; `Authorization: Bearer $METRICS_TOKEN`. Without METRICS_TOKEN
 *                     it does not exist (404); a wrong or missing token is 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Registry } from 'prom-client'
import { safeEqual } from '../core/crypto.ts'
import type { Db } from '../core/db/index.ts'
import { checkReadiness } from './readiness.ts'
import { platformGauges } from './queue-metrics.ts'

export type OperationsOptions = {
  db: Db
  /** The database readiness checks (on a connection of its own); DATABASE_URL by default. */
  databaseUrl?: string
  isDraining: () => boolean
  redisUrl?: string
  metricsToken?: string
  /** This process's (or, in a cluster, every web process's) metrics in the text format. */
  processMetrics: () => Promise<string>
}

export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '')
  return !!match && safeEqual(match[1]!.trim(), token)
}

export function operationsHandler(options: OperationsOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const gauges = platformGauges(options.db)
  return (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]
    if (pathname === '/api/ready') {
      void checkReadiness({ databaseUrl: options.databaseUrl, redisUrl: options.redisUrl, draining: options.isDraining() }).then((readiness) => {
        res.writeHead(readiness.status === 'ready' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        res.end(JSON.stringify(readiness))
      })
      return true
    }
    if (pathname === '/api/metrics') {
      const token = options.metricsToken
      if (!token) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      } else if (!bearerMatches(req.headers.authorization, token)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('Unauthorized')
      } else {
        Promise.all([options.processMetrics(), gauges.metrics()]).then(
          ([own, platform]) => {
            res.writeHead(200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' })
            res.end(`${own.trimEnd()}\n${platform}`)
          },
          (error: Error) => {
            res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${error.message}`)
          },
        )
      }
      return true
    }
    return false
  }
}
