import { db } from '@/server/core/db/index.ts'
import { watchOpenCounts } from '@/server/inbox/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const dynamic = 'force-dynamic'

/**
 * Server-sent events: the person's open counts now, and again whenever their inbox changes (any
 * process's commit, through LISTEN/NOTIFY; counted once per person per change however many tabs they
 * have open, `watchOpenCounts`). A comment every 25 s keeps proxies from closing it.
 */
export const GET = endpoint({}, async ({ actor, request }) => {
  const encoder = new TextEncoder()
  let cleanup = () => {}
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let isClosed = false
      const send = (counts: { todo: number; toread: number }) => {
        if (!isClosed) controller.enqueue(encoder.encode(`event: count\ndata: ${JSON.stringify(counts)}\n\n`))
      }
      controller.enqueue(encoder.encode('retry: 3000\n\n'))
      let unsubscribe = () => {}
      const heartbeat = setInterval(() => !isClosed && controller.enqueue(encoder.encode(': keep-alive\n\n')), 25_000)
      cleanup = () => {
        if (isClosed) return
        isClosed = true
        clearInterval(heartbeat)
        unsubscribe()
        try { controller.close() } catch { /* already closed */ }
      }
      request.signal.addEventListener('abort', cleanup)
      // The first counts come from here; if they fail the stream ends and the browser reconnects (retry).
      unsubscribe = await watchOpenCounts(db(), actor.personId, send).catch(() => {
        cleanup()
        return () => {}
      })
      if (isClosed) unsubscribe()
    },
    cancel() {
      cleanup()
    },
  })
  return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' } })
})
