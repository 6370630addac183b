/**
 * Micro-apps and single sign-on (issue 18): `tsx bench/microapps.ts`. Figures printed and written to
 * bench/results/microapps-latest.json.
 *   1. OIDC token endpoint: BENCH_CODES [400] authorization codes made through the real login and
 *      consent interactions (BrowserJar), then exchanged by BENCH_CONCURRENCY [8] openid-client RPs at
 *      once: requests/s and latency. Goal ≥ 200 req/s. Also what the machine's load hardly moves: this
 *      process's CPU per exchange (provider and RP together) and the SQL statements per exchange.
 *   2. Workbench: a person in a unit with 30 installed apps; p50/p95 of `visibleApps` (the one query the
 *      workbench adds) over BENCH_ROUNDS [300]. Goal p95 ≤ 100 ms (for the whole page, of which this is
 *      the micro-apps part).
 *   3. The server side of a bridge call (getLoginUser through callBridge), one at a time: latency, CPU
 *      and statements per call. The browser round trip is measured in e2e/microapps-hostile.spec.ts.
 * DATABASE_URL: that server (a database bench_microapps_<pid> is made and dropped); else embedded.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import * as client from 'openid-client'
import pg from 'pg'
import { freshBenchDatabase } from './database.ts'
import { percentile } from './directory-search.ts'

process.env.LOG_LEVEL = 'silent'
const database = await freshBenchDatabase({ name: 'microapps', dataDir: 'bench-microapps-postgres', port: Number(process.env.BENCH_MICROAPPS_PG_PORT ?? 54534) })
process.env.DATABASE_URL = database.url
const { db, disconnectDb } = await import('../server/core/db/index.ts')
const { clock, hours } = await import('../server/core/clock.ts')
const { randomToken, sha256Hex } = await import('../server/core/crypto.ts')
const { mountOidc } = await import('../server/oidc/hosting.ts')
const { registerClient } = await import('../server/oidc/index.ts')
const { visibleApps, callBridge } = await import('../server/microapps/index.ts')
const { BrowserJar } = await import('../server/test/browser-jar.ts')
const { actorFor, buildContext, buildPerson, buildTree } = await import('../server/test/factories.ts')
const { ensureSystemRoles } = await import('../server/platform/index.ts')

const CODES = Number(process.env.BENCH_CODES ?? 400)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300)
const REDIRECT = 'http://localhost:4999/callback'
const stats = (ms: number[]) => { const s = [...ms].sort((a, b) => a - b); return { p50: +percentile(s, 50).toFixed(1), p95: +percentile(s, 95).toFixed(1), p99: +percentile(s, 99).toFixed(1) } }

await ensureSystemRoles(db())
const tree = await buildTree()
const admin = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['app.manage', 'app.review'], unit: tree.root }] }))
const person = await buildPerson({ unit: tree.division })

// 1. token endpoint
const server = http.createServer()
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const oidc = await mountOidc(db(), { issuer: `${base}/oidc` })
server.on('request', (req, res) => { if (!oidc(req, res)) { res.statusCode = 404; res.end() } })
const registered = await registerClient(db(), admin, { name: 'bench', unitId: tree.root.id, redirectUris: [REDIRECT], postLogoutRedirectUris: [], scopes: ['profile'] }, buildContext())
const config = await client.discovery(new URL(`${base}/oidc`), registered.clientId, undefined, client.ClientSecretBasic(registered.clientSecret), { execute: [client.allowInsecureRequests] })
const token = randomToken()
const now = clock.now()
await db().session.create({ data: { id: sha256Hex(token), personId: person.id, csrfToken: 'x', createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + hours(8)) } })
const jar = new BrowserJar()
jar.set('xt_session', token)
const codes: { callback: URL; verifier: string; state: string }[] = []
const prepStarted = performance.now()
for (let i = 0; i < CODES; i++) {
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid profile', state, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })
  let step = await jar.follow(url, (u) => u.href.startsWith(REDIRECT))
  if (!step.url.href.startsWith(REDIRECT)) {
    step = await jar.follow(new URL(`${step.url.pathname}/confirm`, base), (u) => u.href.startsWith(REDIRECT), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: 'decision=allow' })
  }
  codes.push({ callback: step.url, verifier, state })
}
const prepSeconds = (performance.now() - prepStarted) / 1000
// Statements per token request (what the figure is made of): every query of this process is counted by its text.
const statements = new Map<string, number>()
const query = pg.Client.prototype.query
let tracing = true
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (tracing) {
    const a = args[0] as string | { text?: string }
    const text = (typeof a === 'string' ? a : a?.text ?? '').replace(/\s+/g, ' ').slice(0, 110)
    statements.set(text, (statements.get(text) ?? 0) + 1)
  }
  return (query as (...x: unknown[]) => unknown).apply(this, args)
} as typeof query
// BENCH_PROFILE=<file>: a CPU profile of the token phase only (open it in Chrome's DevTools).
const profiler = process.env.BENCH_PROFILE ? new (await import('node:inspector')).Session() : undefined
const post = (method: string) => new Promise<unknown>((resolve, reject) => profiler!.post(method, (error, result) => (error ? reject(error) : resolve(result))))
if (profiler) {
  profiler.connect()
  await post('Profiler.enable')
  await post('Profiler.start')
}
const latencies: number[] = []
let next = 0
const started = performance.now()
const cpuStarted = process.cpuUsage()
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < codes.length) {
    const c = codes[next++]!
    const t0 = performance.now()
    await client.authorizationCodeGrant(config, c.callback, { pkceCodeVerifier: c.verifier, expectedState: c.state })
    latencies.push(performance.now() - t0)
  }
}))
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuStarted)
if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile))
tracing = false
const perRequest = [...statements].sort((a, b) => b[1] - a[1]).map(([text, n]) => ({ perRequest: +(n / CODES).toFixed(2), text }))
for (const s of perRequest) console.log(`  ${s.perRequest}  ${s.text}`)
// CPU of this process (provider and RP together) per exchange: a figure the machine's load barely moves.
const cpuMsPerRequest = +((cpu.user + cpu.system) / 1000 / CODES).toFixed(2)
const token_ = { codes: CODES, concurrency: CONCURRENCY, requestsPerSecond: +(CODES / seconds).toFixed(1), latencyMs: stats(latencies), cpuMsPerRequest, statementsPerRequest: +(perRequest.reduce((sum, s) => sum + s.perRequest, 0)).toFixed(2), authorizeFlowsPerSecond: +(CODES / prepSeconds).toFixed(1), loadAverage: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)) }
console.log('OIDC token endpoint', token_)
await new Promise<void>((r) => server.close(() => r()))

// 2. workbench with 30 apps
for (let i = 0; i < 30; i++) {
  const id = `cn.gov.bench.app${i}`
  const manifest = { id, name: `应用${i}`, description: '基准测试', icon: '测', version: '1.0.0', developerUnit: tree.root.id, category: 'office', entry: { type: 'bundled', path: 'index.html' }, scopes: ['user.basic'], networkOrigins: [], visibility: { units: [], roles: [] }, platforms: { phone: true, desktop: true } }
  await db().microApp.create({ data: { id, name: manifest.name, category: 'office', developerUnitId: tree.root.id, status: 'LISTED' } })
  const v = await db().microAppVersion.create({ data: { appId: id, version: '1.0.0', manifest, status: 'APPROVED' } })
  await db().microApp.update({ where: { id }, data: { currentVersionId: v.id } })
  await db().microAppInstall.create({ data: { appId: id, unitId: i % 2 ? tree.root.id : tree.dept.id, roleIds: [], preApprovedScopes: [], grantedScopes: ['user.basic'], versionId: v.id } })
}
const times: number[] = []
let seen = 0
for (let i = 0; i < ROUNDS; i++) {
  const t0 = performance.now()
  seen = (await visibleApps(db(), person.id)).length
  times.push(performance.now() - t0)
}
const workbench = { apps: seen, rounds: ROUNDS, visibleAppsMs: stats(times) }
console.log('Workbench (30 installed apps)', workbench)

// 3. The server side of a bridge call (what /api/microapps/bridge runs after the session): getLoginUser
// through callBridge — visibility, scope, consent, budget, the claims, the audit record — one at a time.
// Across the 30 apps (the budget is 120 calls a minute per app and person), each consented to once.
await db().microAppConsent.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ personId: person.id, appId: `cn.gov.bench.app${i}`, scope: 'user.basic', grantedAt: clock.now() })) })
const personActor = await actorFor(person)
const bridgeTimes: number[] = []
statements.clear()
tracing = true
const bridgeCpu = process.cpuUsage()
for (let i = 0; i < ROUNDS; i++) {
  const t0 = performance.now()
  await callBridge(db(), personActor, { appId: `cn.gov.bench.app${i % 30}`, api: 'getLoginUser', params: {} }, buildContext())
  bridgeTimes.push(performance.now() - t0)
}
const bridgeCpuUsed = process.cpuUsage(bridgeCpu)
tracing = false
const bridgeStatements = [...statements].sort((a, b) => b[1] - a[1]).map(([text, n]) => ({ perCall: +(n / ROUNDS).toFixed(2), text }))
const bridge = { rounds: ROUNDS, callBridgeMs: stats(bridgeTimes), cpuMsPerCall: +((bridgeCpuUsed.user + bridgeCpuUsed.system) / 1000 / ROUNDS).toFixed(2), statementsPerCall: +bridgeStatements.reduce((sum, s) => sum + s.perCall, 0).toFixed(2), loadAverage: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)) }
console.log('Bridge call, server side (getLoginUser)', bridge)
for (const s of bridgeStatements) console.log(`  ${s.perCall}  ${s.text}`)

const out = path.join(import.meta.dirname, 'results')
mkdirSync(out, { recursive: true })
writeFileSync(path.join(out, 'microapps-latest.json'), JSON.stringify({ at: new Date().toISOString(), token: token_, workbench, bridge }, null, 2))
await disconnectDb()
await database.stop()
