/**
 * Virtual people at human pace. Each holds the live inbox badge stream open (as a browser tab does)
 * and, every `thinkSeconds` on average (exponential pauses), does one thing: opens a page (a full load
 * with the session cookie, or an in-app navigation as Next's client router fetches it: `RSC: 1`, the
 * router state tree of the page they are on, `_rsc`), asks the badge count, searches the directory,
 * reads a notice (and confirms it once), or — the countersigners — approves a document at 会签.
 * Every request goes over loopback, each person's over keep-alive connections of their own (as a
 * browser holds up to six per origin), so the platform's web processes share them as they would share
 * a city's browsers (one pool shared by everyone reuses its most recent socket and sends nearly all of
 * the load to one process); latencies are kept per page/action.
 */
import http from 'node:http'
import { computeCacheBustingSearchParam } from 'next/dist/shared/lib/router/utils/cache-busting-search-param.js'
import { SEARCHES, type City, type LoadPerson } from './city.ts'

export type Sample = { name: string; ms: number; status: number; bytes: number }

export type Recorder = {
  samples: Sample[]
  errors: Map<string, number>
  streamEvents: number
  streamsOpen: number
}

export const newRecorder = (): Recorder => ({ samples: [], errors: new Map(), streamEvents: 0, streamsOpen: 0 })

/** Each person's connections (their browser's); as many as the load test has people. */
const agents = new Map<string, http.Agent>()
const shared = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 2048 })
/** `fresh`: a new connection per request (the warm-up, so every web process of a cluster is reached). */
export const connections = { fresh: false }
const agentOf = (person: LoadPerson): http.Agent | false => {
  if (process.env.BENCH_AGENT === 'shared') return shared
  if (connections.fresh || process.env.BENCH_AGENT === 'none') return false
  let agent = agents.get(person.id)
  if (!agent) agents.set(person.id, (agent = new http.Agent({ keepAlive: true, maxSockets: 6, maxFreeSockets: 6 })))
  return agent
}

export type Target = { host: string; port: number; cookieName: string }

function cookieOf(target: Target, person: LoadPerson): string {
  return `${target.cookieName}=${person.token}; ${target.cookieName.replace('session', 'csrf')}=${person.csrf}; xt_locale=zh-CN`
}

/** One request, its body read to the end; resolves with status and size (never rejects). */
export function request(target: Target, person: LoadPerson, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; bytes: number; text: string; ms: number }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const req = http.request({
      host: target.host, port: target.port, method, path, agent: agentOf(person),
      headers: {
        cookie: cookieOf(target, person), 'user-agent': 'bench-load',
        ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length), origin: `http://${target.host}:${target.port}`, 'x-csrf-token': person.csrf } : {}),
        ...headers,
      },
    }, (res) => {
      const chunks: Buffer[] = []
      let bytes = 0
      res.on('data', (c: Buffer) => { bytes += c.length; if (bytes < 262_144) chunks.push(c) })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }))
      res.on('error', () => resolve({ status: 0, bytes, text: '', ms: performance.now() - started }))
    })
    req.on('error', (error) => resolve({ status: 0, bytes: 0, text: error.message, ms: performance.now() - started }))
    if (payload) req.write(payload)
    req.end()
  })
}

/** The router state tree Next's client sends for the page it is on (segments of the app directory). */
export function routerStateTree(path: string): string {
  const clean = path.split('?')[0]!
  const parts = clean.split('/').filter(Boolean)
  type Tree = [string | [string, string, string, null], Record<string, Tree>]
  let leaf: Tree = ['__PAGE__', {}]
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!
    // The only dynamic segment the load visits is /documents/[id] and /notices/[id].
    const segment: Tree[0] = i === 1 && /^[0-9a-f-]{36}$/.test(part) ? ['id', part, 'd', null] : part
    leaf = [segment, { children: leaf }]
  }
  const tree: Tree = ['', { children: ['(shell)', { children: leaf }] }]
  return encodeURIComponent(JSON.stringify(tree))
}

/** An in-app navigation from `from` to `to`, as the client router makes it. */
export async function navigate(target: Target, person: LoadPerson, from: string, to: string) {
  const tree = routerStateTree(from)
  const hash = await computeCacheBustingSearchParam(undefined, undefined, tree, undefined)
  const sep = to.includes('?') ? '&' : '?'
  return request(target, person, 'GET', `${to}${sep}_rsc=${hash}`, { rsc: '1', 'next-router-state-tree': tree, accept: '*/*' })
}

export function pageLoad(target: Target, person: LoadPerson, path: string) {
  return request(target, person, 'GET', path, { accept: 'text/html,application/xhtml+xml' })
}

/** The badge stream, held open until `signal` aborts; counts events; reconnects like EventSource. */
export function holdStream(target: Target, person: LoadPerson, recorder: Recorder, signal: AbortSignal): void {
  const open = () => {
    if (signal.aborted) return
    const started = performance.now()
    let first = true
    const req = http.request({ host: target.host, port: target.port, path: '/api/inbox/stream', agent: false, headers: { cookie: cookieOf(target, person), accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        recorder.errors.set(`stream ${res.statusCode}`, (recorder.errors.get(`stream ${res.statusCode}`) ?? 0) + 1)
        res.resume()
        setTimeout(open, 3000).unref()
        return
      }
      recorder.streamsOpen++
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        const events = chunk.split('event: count').length - 1
        if (events && first) {
          first = false
          recorder.samples.push({ name: 'api  /api/inbox/stream (first count)', ms: performance.now() - started, status: 200, bytes: chunk.length })
        }
        recorder.streamEvents += events
      })
      res.on('close', () => {
        recorder.streamsOpen--
        if (!signal.aborted) setTimeout(open, 3000).unref()
      })
    })
    req.on('error', () => { if (!signal.aborted) setTimeout(open, 3000).unref() })
    signal.addEventListener('abort', () => req.destroy(), { once: true })
    req.end()
  }
  open()
}

const PAGES = ['/', '/inbox', '/documents', '/notices', '/directory']

type Mix = { page: number; count: number; search: number; notice: number; approve: number }
export const DEFAULT_MIX: Mix = { page: 0.6, count: 0.1, search: 0.1, notice: 0.12, approve: 0.08 }

export type World = { city: City; target: Target; noticeIds: string[]; confirmed: Set<string>; fullShare: number; mix: Mix }

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!
const exp = (mean: number) => -Math.log(1 - Math.random()) * mean

function record(recorder: Recorder, name: string, r: { status: number; bytes: number; ms: number; text?: string }, ok = (s: number) => s >= 200 && s < 400) {
  recorder.samples.push({ name, ms: r.ms, status: r.status, bytes: r.bytes })
  if (!ok(r.status)) {
    const key = `${name} → ${r.status}${r.status === 0 ? ` ${r.text?.slice(0, 60)}` : ''}`
    recorder.errors.set(key, (recorder.errors.get(key) ?? 0) + 1)
  }
}

/** Opens a page as a full load or a navigation from the page the person is on; returns what it answered. */
async function openPage(world: World, person: LoadPerson, recorder: Recorder, from: string, to: string, label = to.split('?')[0]!) {
  const full = Math.random() < world.fullShare
  const r = full ? await pageLoad(world.target, person, to) : await navigate(world.target, person, from, to)
  record(recorder, `page ${label} (${full ? 'full' : 'rsc'})`, r)
  return r
}

/** One person's life until `until` (performance.now()); the stream is opened by the caller. */
export async function live(world: World, person: LoadPerson, recorder: Recorder, thinkSeconds: number, until: number): Promise<void> {
  let at = '/'
  const { mix } = world
  await sleep(Math.random() * thinkSeconds * 1000)
  while (performance.now() < until) {
    const r = Math.random()
    try {
      if (r < mix.page) {
        const to = pick(PAGES)
        const path = to === '/directory' ? `/directory?q=${encodeURIComponent(pick(SEARCHES))}` : to
        await openPage(world, person, recorder, at, path)
        at = path
      } else if (r < mix.page + mix.count) {
        record(recorder, 'api  /api/inbox/count', await request(world.target, person, 'GET', '/api/inbox/count'))
      } else if (r < mix.page + mix.count + mix.search) {
        record(recorder, 'api  /api/directory/people?q', await request(world.target, person, 'GET', `/api/directory/people?q=${encodeURIComponent(pick(SEARCHES))}&limit=20`))
      } else if (r < mix.page + mix.count + mix.search + mix.notice && world.noticeIds.length) {
        const id = world.noticeIds.at(-1)!
        await openPage(world, person, recorder, at, `/notices/${id}`, '/notices/[id]')
        at = `/notices/${id}`
        const key = `${person.id}:${id}`
        if (!world.confirmed.has(key)) {
          world.confirmed.add(key)
          record(recorder, 'act  confirm notice', await request(world.target, person, 'POST', `/api/notices/${id}/confirm`, {}, {}))
        }
      } else if (person.approver && world.city.approvals.get(person.id)?.length) {
        const id = world.city.approvals.get(person.id)!.shift()!
        await approve(world, person, recorder, at, id)
        at = `/documents/${id}`
      } else {
        await openPage(world, person, recorder, at, '/inbox')
        at = '/inbox'
      }
    } catch (error) {
      const key = `exception ${(error as Error).message.slice(0, 60)}`
      recorder.errors.set(key, (recorder.errors.get(key) ?? 0) + 1)
    }
    await sleep(Math.min(exp(thinkSeconds * 1000), until - performance.now()))
  }
}

/** 会签 approval: open the document, act at the revision it shows; stale (another countersigner just acted): open it again. */
async function approve(world: World, person: LoadPerson, recorder: Recorder, from: string, id: string) {
  let at = from
  for (let attempt = 0; attempt < 5; attempt++) {
    const page = await openPage(world, person, recorder, at, `/documents/${id}`, '/documents/[id]')
    at = `/documents/${id}`
    const revision = (/data-revision"?[=:]"?(\d+)/.exec(page.text) ?? [])[1]
    if (!revision) {
      recorder.errors.set('approve: no revision on the page', (recorder.errors.get('approve: no revision on the page') ?? 0) + 1)
      return
    }
    const r = await request(world.target, person, 'POST', `/api/documents/${id}/act`, {}, { revision: Number(revision), opinion: '同意。' })
    if (r.status === 409 && r.text.includes('document.stale')) {
      record(recorder, 'act  approve (stale, again)', r, () => true)
      continue
    }
    record(recorder, 'act  approve step', r)
    return
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
