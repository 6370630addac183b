/**
 * The platform's side of the e2e clock (loaded only when XIETONG_TEST_CLOCK=1, see scripts/platform.ts).
 * A browser context that carries the `xt_test_clock` cookie (milliseconds to add to now) sees every
 * page and API answer as at that time; `POST /__test/jobs/<name>?offset=<ms>` runs one job's handler
 * now, as at that time, and answers when it has finished. Other tests running beside them keep the
 * real time: the offset lives in the request's async context (clock.shifted), not in a global.
 */
import type http from 'node:http'
import type { AnyJob } from '../../server/core/jobs.ts'
import { clock } from '../../server/core/clock.ts'

export const TEST_CLOCK_COOKIE = 'xt_test_clock'

export function offsetOf(req: http.IncomingMessage): number {
  const cookie = String(req.headers.cookie ?? '')
  const match = new RegExp(`(?:^|;\\s*)${TEST_CLOCK_COOKIE}=(-?\\d+)`).exec(cookie)
  return match ? Number(match[1]) : 0
}

export function intercept(req: http.IncomingMessage, res: http.ServerResponse, jobs: readonly AnyJob[]): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (!url.pathname.startsWith('/__test/jobs/')) return false
  const answer = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const name = decodeURIComponent(url.pathname.slice('/__test/jobs/'.length))
  const job = jobs.find((j) => j.name === name)
  if (req.method !== 'POST') answer(405, { error: 'POST only' })
  else if (!job) answer(404, { error: `no job named ${name}`, jobs: jobs.map((j) => j.name) })
  else void runAs(job, Number(url.searchParams.get('offset') ?? offsetOf(req)), req).then(
    (at) => answer(200, { job: name, at: at.toISOString() }),
    (error: Error) => answer(500, { error: error.message }),
  )
  return true
}

/** The job's payload is the request's JSON body (a sweep takes none). */
async function runAs(job: AnyJob, offset: number, req: http.IncomingMessage): Promise<Date> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks).toString('utf8').trim()
  const payload = job.payload.parse(body ? JSON.parse(body) : {})
  return clock.shifted(offset, async () => {
    const at = clock.now()
    await job.handler(payload)
    return at
  })
}
