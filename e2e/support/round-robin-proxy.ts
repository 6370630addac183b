/**
 * A small reverse proxy that behaves like a load balancer in front of several platform instances
 * (e2e/two-instances.spec.ts): round robin, no sticky sessions, HTTP and WebSocket upgrades.
 *
 * Which upstreams it sends to (as nginx/HAProxy/Caddy do with active and passive checks):
 *   - a readiness probe (`GET /api/ready`, every `probeMs`): 200 marks an upstream up; a 503 (the
 *     instance says it is draining or not ready) marks it down at once; no answer within
 *     `probeTimeoutMs` (a busy instance) counts as a failure, and `failuresToDown` of those in a row
 *     mark it down — one slow probe on a loaded machine must not take the only survivor out;
 *   - a refused connection (nothing listens: the instance died) marks the upstream down at once, and
 *     the request goes to the next upstream: it never reached the dead one, so even a POST may be
 *     sent again. An error after the request was sent (the instance died while answering) is a 502;
 *     it is not retried, since the instance may have done the work.
 * With no upstream up it answers 503 `no upstream`.
 */
import http from 'node:http'
import net from 'node:net'

export type UpstreamEvent = { at: number; upstream: number; isUp: boolean; reason: string }

export type RoundRobinProxy = {
  server: http.Server
  upstreams: number[]
  /** Upstreams currently up. */
  healthy: Set<number>
  /** Requests sent to each upstream (retries included). */
  served: Map<number, number>
  /** Every change of an upstream's state, with the reason (for a failing test's message). */
  events: UpstreamEvent[]
  close: () => Promise<void>
}

export type ProxyOptions = { port: number; upstreams: number[]; probeMs?: number; probeTimeoutMs?: number; failuresToDown?: number }

const isRefused = (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED'

export async function startRoundRobinProxy(options: ProxyOptions): Promise<RoundRobinProxy> {
  const { upstreams, probeMs = 300, probeTimeoutMs = 2000, failuresToDown = 3 } = options
  const healthy = new Set<number>()
  const served = new Map<number, number>()
  const events: UpstreamEvent[] = []
  const failures = new Map<number, number>()
  const started = Date.now()
  const mark = (upstream: number, isUp: boolean, reason: string) => {
    if (isUp) failures.set(upstream, 0)
    if (healthy.has(upstream) === isUp) return
    if (isUp) healthy.add(upstream)
    else healthy.delete(upstream)
    events.push({ at: Date.now() - started, upstream, isUp, reason })
  }
  const failed = (upstream: number, reason: string) => {
    const n = (failures.get(upstream) ?? 0) + 1
    failures.set(upstream, n)
    if (n >= failuresToDown) mark(upstream, false, `${reason} (${n} in a row)`)
  }

  let next = 0
  /** The upstreams to try for one request, in order: the next in turn first, then the others that are up. */
  const order = (): number[] => {
    const live = upstreams.filter((u) => healthy.has(u))
    if (!live.length) return []
    const first = next++ % live.length
    return [...live.slice(first), ...live.slice(0, first)]
  }

  const probing = new Set<number>()
  const probe = setInterval(() => {
    for (const u of upstreams) {
      if (probing.has(u)) continue // the last probe is still waiting: its timeout will count
      probing.add(u)
      const req = http.get({ host: '127.0.0.1', port: u, path: '/api/ready', agent: false, timeout: probeTimeoutMs }, (res) => {
        res.resume()
        res.on('end', () => probing.delete(u))
        if (res.statusCode === 200) mark(u, true, 'ready')
        else mark(u, false, `readiness ${res.statusCode}`)
      })
      req.on('error', (error: NodeJS.ErrnoException) => {
        probing.delete(u)
        if (isRefused(error)) mark(u, false, 'probe refused')
        else failed(u, `probe ${error.message}`)
      })
      req.on('timeout', () => req.destroy(new Error(`no answer in ${probeTimeoutMs} ms`)))
    }
  }, probeMs)

  const server = http.createServer((req, res) => {
    // The body is read first so that a request refused by a dead upstream can be sent to the next.
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => forward(req, res, Buffer.concat(chunks), order()))
  })
  // Longer than the clients' keep-alive (Node's 5 s default closes a socket just as a client reuses it).
  server.keepAliveTimeout = 65_000

  function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, candidates: number[]) {
    const upstream = candidates.shift()
    if (upstream === undefined) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('no upstream')
    served.set(upstream, (served.get(upstream) ?? 0) + 1)
    const out = http.request({ host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers: req.headers })
    out.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (isRefused(error)) {
        mark(upstream, false, 'request refused')
        return forward(req, res, body, candidates.filter((u) => healthy.has(u)))
      }
      if (res.headersSent) res.destroy()
      else res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream failed: ${error.message}`)
    })
    res.on('close', () => out.destroy())
    out.end(body)
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => undefined)
    const attempt = (candidates: number[]) => {
      const upstream = candidates.shift()
      if (upstream === undefined) return void socket.destroy()
      const out = net.connect(upstream, '127.0.0.1', () => {
        out.write(`${req.method} ${req.url} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`)
        if (head.length) out.write(head)
        out.pipe(socket).pipe(out)
      })
      out.on('error', (error: NodeJS.ErrnoException) => {
        if (isRefused(error)) {
          mark(upstream, false, 'upgrade refused')
          return attempt(candidates.filter((u) => healthy.has(u)))
        }
        socket.destroy()
      })
      socket.on('close', () => out.destroy())
    }
    attempt(order())
  })

  await new Promise<void>((r) => server.listen(options.port, '127.0.0.1', () => r()))
  const deadline = Date.now() + 30_000
  while (!upstreams.every((u) => healthy.has(u))) {
    if (Date.now() > deadline) throw new Error(`upstreams not ready: ${JSON.stringify(events)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  return {
    server, upstreams, healthy, served, events,
    close: async () => {
      clearInterval(probe)
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    },
  }
}
