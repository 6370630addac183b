/**
 * `npm run deploy:check`: the deployment files, tried as far as a machine without a container engine
 * allows (issue 21). Prints what was tried and what could not be; exits 1 on any failure.
 *
 * 1. Container tools: docker / podman / buildah on PATH, and whether a docker daemon answers. With a
 *    daemon, `docker build` is the real test; this script then only says so.
 * 2. The Dockerfile, run as written in a scratch copy (DEPLOY_CHECK_DIR, default a temporary folder):
 *    its build stage's COPY and RUN lines in order (the build context filtered by .dockerignore, the
 *    stage's ENV), then the runtime stage's COPY --from=build lines into a second folder owned by the
 *    image's non-root user (uid/gid 1000, the `node` user of the node image), its ENV and USER, and
 *    its CMD started as that user, on a database made for the check: /api/ready must answer 200, the
 *    HEALTHCHECK command (as written) must exit 0, the co-editing server's command (compose.yaml) must
 *    answer its /ready, and SIGTERM must stop both with exit 0. The runtime's apt packages are looked
 *    up (apt-cache) rather than installed on this machine; `FROM` images cannot be pulled here.
 * 3. compose.yaml, parsed (`yaml`, merge keys resolved): the services, that app and co-editing
 *    services share one env_file, that health checks reach /api/ready and /ready, that every
 *    `${VAR:?}` is in deploy/env.example along with the shared secrets, that depends_on names
 *    services with health checks, and that every file it mounts exists; the Caddyfile's upstreams.
 *
 *   DATABASE_URL   a PostgreSQL server for the started image (a database deploy_check_<pid> is made and dropped)
 *   REDIS_URL      default redis://127.0.0.1:6379
 *   DEPLOY_CHECK_PORT  first of three ports [3510]
 *   DEPLOY_CHECK_SKIP_BUILD=1  only parts 1 and 3
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, chownSync, lstatSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { parse } from 'yaml'

const root = path.resolve(import.meta.dirname, '..')
const results: { part: string; ok: boolean | null; note: string }[] = []
const record = (part: string, ok: boolean | null, note: string) => {
  results.push({ part, ok, note })
  console.log(`${ok === null ? '–' : ok ? '✓' : '✗'} ${part}: ${note}`)
}
type Env = Record<string, string | undefined>
const asEnv = (e: Env) => e as unknown as NodeJS.ProcessEnv
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim()

// ── 1. Container tools ──
const tools = Object.fromEntries(['docker', 'podman', 'buildah'].map((t) => [t, has(t)]))
const daemon = tools.docker ? spawnSync('docker', ['info'], { encoding: 'utf8' }).status === 0 : false
record('container tools', null, Object.entries(tools).map(([t, p]) => `${t}: ${p || 'none'}`).join(', ') + (tools.docker ? `; docker daemon: ${daemon ? 'answers' : 'none'}` : ''))
if (daemon) record('docker build', null, 'a daemon answers here: run `docker build -t xietong .` and `docker compose config` for the real test')

// ── 2. The Dockerfile, step by step ──
type Instruction = { op: string; args: string; line: number }
type Stage = { name: string; from: string; steps: Instruction[] }

function dockerfileStages(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\n/g, ' ').split('\n')
  const args: Record<string, string> = {}
  const stages: Stage[] = []
  lines.forEach((raw, i) => {
    const line = raw.trim()
    if (!line || line.startsWith('#')) return
    const [op, ...rest] = line.split(/\s+/)
    const argText = rest.join(' ')
    if (op!.toUpperCase() === 'ARG' && !stages.length) {
      const [k, v] = argText.split('=')
      args[k!] = v ?? ''
    } else if (op!.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(argText)!
      stages.push({ name: m[2] ?? String(stages.length), from: m[1]!.replace(/\$\{(\w+)\}/g, (_, k: string) => args[k] ?? ''), steps: [] })
    } else stages.at(-1)?.steps.push({ op: op!.toUpperCase(), args: argText, line: i + 1 })
  })
  return { args, stages }
}

/** ENV a=b c="d e" → pairs. */
function envPairs(text: string): [string, string][] {
  return [...text.matchAll(/(\w+)=("([^"]*)"|\S+)/g)].map((m) => [m[1]!, m[3] ?? m[2]!])
}

/** The build context as docker sends it: the checkout's files minus .dockerignore's patterns. */
function contextFiles(): string[] {
  const ignore = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  const matches = (file: string) => ignore.some((p) => {
    const re = new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '§').replace(/\*/g, '[^/]*').replace(/§/g, '.*') + '(/|$)')
    return re.test(file) || (!p.includes('/') && re.test(path.basename(file)))
  })
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean)
  return listed.filter((f) => !matches(f) && existsSync(path.join(root, f)))
}

function copyInto(sources: string[], destination: string, from: string, dir: string) {
  const many = sources.length > 1 || destination.endsWith('/')
  for (const s of sources) {
    const src = path.join(from, s)
    const dest = path.resolve(dir, many || destination === '.' || destination === './' ? path.join(destination, path.basename(s)) : destination)
    mkdirSync(path.dirname(dest), { recursive: true })
    cpSync(src, dest, { recursive: true, verbatimSymlinks: true })
  }
}

function chownTree(p: string, uid: number, gid: number) {
  chownSync(p, uid, gid)
  if (lstatSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), uid, gid)
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check().catch(() => false)) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

async function tryDockerfile() {
  const { stages } = dockerfileStages(readFileSync(path.join(root, 'Dockerfile'), 'utf8'))
  const build = stages.find((s) => s.name === 'build')!
  const runtime = stages.at(-1)!
  const scratch = process.env.DEPLOY_CHECK_DIR ?? mkdtempSync(path.join(tmpdir(), 'xietong-deploy-'))
  const buildDir = path.join(scratch, 'build', 'app')
  const runDir = path.join(scratch, 'runtime', 'app')
  rmSync(path.join(scratch, 'build'), { recursive: true, force: true })
  rmSync(path.join(scratch, 'runtime'), { recursive: true, force: true })
  mkdirSync(buildDir, { recursive: true })
  mkdirSync(runDir, { recursive: true })
  record('images', null, `FROM ${[...new Set(stages.map((s) => s.from))].join(', ')}: not pulled (no container registry here); steps run on this machine's Node ${process.version} instead`)

  // Build stage: a scratch copy of the context, its steps in order.
  const context = contextFiles()
  const contextDir = path.join(scratch, 'context')
  rmSync(contextDir, { recursive: true, force: true })
  for (const f of context) {
    mkdirSync(path.dirname(path.join(contextDir, f)), { recursive: true })
    cpSync(path.join(root, f), path.join(contextDir, f), { verbatimSymlinks: true })
  }
  const buildEnv: Env = { PATH: process.env.PATH, HOME: path.join(scratch, 'home-build'), npm_config_cache: path.join(scratch, 'npm-cache') }
  // The machine's npm settings (nodedir for offline native builds) stay, as a base image's would be its own.
  if (process.env.npm_config_nodedir) buildEnv.npm_config_nodedir = process.env.npm_config_nodedir
  mkdirSync(buildEnv.HOME!, { recursive: true })
  for (const step of build.steps) {
    if (step.op === 'ENV') for (const [k, v] of envPairs(step.args)) buildEnv[k] = v
    else if (step.op === 'COPY') {
      const parts = step.args.split(/\s+/).filter((p) => !p.startsWith('--'))
      copyInto(parts.slice(0, -1), parts.at(-1)!, contextDir, buildDir)
    } else if (step.op === 'RUN') {
      const started = Date.now()
      const run = spawnSync('sh', ['-c', step.args], { cwd: buildDir, env: asEnv(buildEnv), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      const ok = run.status === 0
      record(`Dockerfile:${step.line} RUN`, ok, `${step.args.slice(0, 90)} — ${ok ? 'ok' : `exit ${run.status}: ${(run.stderr || run.stdout).trim().split('\n').slice(-4).join(' | ')}`} (${Math.round((Date.now() - started) / 1000)} s)`)
      if (!ok) return
    }
  }

  // Runtime stage: its packages looked up, what it copies from the build, owned by uid 1000.
  const runEnv: Env = { PATH: process.env.PATH, HOME: path.join(scratch, 'home-node') }
  let user = 'root'
  let cmd: string[] = []
  for (const step of runtime.steps) {
    if (step.op === 'RUN' && /apt-get install/.test(step.args)) {
      const pkgs = (/apt-get install ([^&]+)/.exec(step.args)?.[1] ?? '').split(/\s+/).filter((w) => w && !w.startsWith('-'))
      const policy = spawnSync('apt-cache', ['policy', ...pkgs], { encoding: 'utf8' }).stdout
      const missing = pkgs.filter((p) => !new RegExp(`^${p.replace(/[+.]/g, '\\$&')}:\\n\\s+Installed: .*\\n\\s+Candidate: (?!\\(none\\))`, 'm').test(policy))
      record(`Dockerfile:${step.line} RUN apt-get`, missing.length === 0, missing.length ? `not in this machine's Debian (bookworm) sources: ${missing.join(', ')}` : `${pkgs.join(', ')} have candidates in Debian bookworm (looked up, not installed)`)
    } else if (step.op === 'ENV') for (const [k, v] of envPairs(step.args)) runEnv[k] = v
    else if (step.op === 'COPY') {
      const parts = step.args.split(/\s+/)
      if (!parts.some((p) => p === '--from=build')) continue
      const paths = parts.filter((p) => !p.startsWith('--'))
      copyInto(paths.slice(0, -1).map((p) => path.relative('/app', p)), paths.at(-1)!, buildDir, runDir)
    } else if (step.op === 'USER') user = step.args
    else if (step.op === 'CMD') cmd = JSON.parse(step.args) as string[]
  }
  mkdirSync(runEnv.HOME!, { recursive: true })
  chownTree(runDir, 1000, 1000)
  chownTree(runEnv.HOME!, 1000, 1000)
  // The scratch folder's parents must be passable for uid 1000.
  for (let p = runDir; p !== path.dirname(p); p = path.dirname(p)) if ((statSync(p).mode & 0o001) === 0) spawnSync('chmod', ['o+x', p])
  const devOnly = ['typescript', 'vitest', '@playwright/test', 'eslint'].filter((d) => existsSync(path.join(runDir, 'node_modules', d)))
  record('runtime has no build tools', devOnly.length === 0, devOnly.length ? `dev packages in the image: ${devOnly.join(', ')}` : 'no typescript, vitest, playwright or eslint in its node_modules; no .next/cache')
  record('USER', user === 'node', `runs as ${user} (here uid/gid 1000 through setpriv, as the node image's node user)`)

  const base = Number(process.env.DEPLOY_CHECK_PORT ?? 3510)
  const dbName = `deploy_check_${process.pid}`
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${dbName}"`)
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${dbName}`
  const env: Env = {
    ...runEnv, DATABASE_URL: url.toString(), REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    PORT: String(base), REALTIME_PORT: String(base + 1), APPS_PORT: String(base + 2), RUN_REALTIME: '0', WEB_PROCESSES: '1',
    PUBLIC_URL: `http://127.0.0.1:${base}`, SHUTDOWN_DELAY_MS: '500',
  }
  const asNode = (args: string[], extra: Record<string, string> = {}) =>
    spawn('setpriv', ['--reuid=1000', '--regid=1000', '--clear-groups', '--', ...args], { cwd: runDir, env: asEnv({ ...env, ...extra }), stdio: ['ignore', 'pipe', 'pipe'] })
  const log: string[] = []
  try {
    record('ENTRYPOINT', null, 'tini is not installed here: CMD runs directly (SIGTERM goes to it as tini would forward it)')
    const web = asNode(cmd)
    web.stdout.on('data', (d: Buffer) => log.push(d.toString()))
    web.stderr.on('data', (d: Buffer) => log.push(d.toString()))
    const webExit = new Promise<number | null>((r) => web.once('exit', (c) => r(c)))
    const started = Date.now()
    const isReady = await until(async () => (await fetch(`http://127.0.0.1:${base}/api/ready`)).status === 200, 240_000)
    record('CMD (web, migrations, job worker)', isReady, isReady ? `/api/ready 200 after ${Math.round((Date.now() - started) / 1000)} s as uid 1000` : `not ready: ${log.join('').slice(-600)}`)
    if (isReady) {
      const health = runtime.steps.find((s) => s.op === 'HEALTHCHECK')!.args.split(/\bCMD\b/)[1]!.trim()
      const hc = spawnSync('setpriv', ['--reuid=1000', '--regid=1000', '--clear-groups', '--', 'sh', '-c', health], { cwd: runDir, env: asEnv(env), encoding: 'utf8' })
      record('HEALTHCHECK (web)', hc.status === 0, `exit ${hc.status}`)
      const page = await fetch(`http://127.0.0.1:${base}/sign-in`)
      record('a page', page.status === 200, `GET /sign-in ${page.status}`)
      const compose = parse(readFileSync(path.join(root, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string> }> }
      const rtCommand = compose.services.realtime1!.command!
      const rt = asNode(rtCommand, { HOST: '127.0.0.1' })
      rt.stderr.on('data', (d: Buffer) => log.push(d.toString()))
      const rtExit = new Promise<number | null>((r) => rt.once('exit', (c) => r(c)))
      const rtReady = await until(async () => (await fetch(`http://127.0.0.1:${base + 1}/ready`)).status === 200, 60_000)
      const rtEnv = compose.services.realtime1!.environment!
      const rtHc = rtReady ? spawnSync('setpriv', ['--reuid=1000', '--regid=1000', '--clear-groups', '--', 'sh', '-c', health], { cwd: runDir, env: asEnv({ ...env, HEALTH_PORT: String(base + 1), HEALTH_PATH: rtEnv.HEALTH_PATH }), encoding: 'utf8' }) : undefined
      record('co-editing server (compose command)', rtReady && rtHc?.status === 0, rtReady ? `/ready 200; HEALTHCHECK with HEALTH_PATH=${rtEnv.HEALTH_PATH} exit ${rtHc?.status}` : 'not ready')
      rt.kill('SIGTERM')
      record('co-editing server stops on SIGTERM', (await rtExit) === 0, 'exit code 0')
    }
    web.kill('SIGTERM')
    const code = await Promise.race([webExit, new Promise<string>((r) => setTimeout(() => r('timeout'), 60_000))])
    record('web stops on SIGTERM (drains)', code === 0, `exit ${code}`)
    if (code === 'timeout') web.kill('SIGKILL')
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
    await admin.end()
  }
  console.log(`(scratch copy kept in ${scratch})`)
}

// ── 3. compose.yaml ──
function checkCompose() {
  const text = readFileSync(path.join(root, 'compose.yaml'), 'utf8')
  const compose = parse(text, { merge: true }) as { services: Record<string, Record<string, unknown>>; volumes?: Record<string, unknown> }
  const services = compose.services
  const wanted = ['postgres', 'redis', 'app1', 'app2', 'realtime1', 'realtime2', 'caddy', 'livekit']
  const missing = wanted.filter((s) => !services[s])
  record('compose services', missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : wanted.join(', '))
  const envOf = (s: string) => (services[s]!.environment ?? {}) as Record<string, string>
  const apps = ['app1', 'app2', 'realtime1', 'realtime2']
  const envFiles = new Set(apps.map((s) => JSON.stringify(services[s]!.env_file)))
  record('one env_file for every instance', envFiles.size === 1 && !envFiles.has(undefined as never), `env_file: ${[...envFiles].join(' / ')}`)
  const shared = ['DATABASE_URL', 'REDIS_URL']
  const differing = shared.filter((k) => new Set(apps.map((s) => envOf(s)[k])).size !== 1)
  record('shared PostgreSQL and Redis', differing.length === 0, differing.length ? `differ: ${differing.join(', ')}` : `${shared.join(', ')} the same on ${apps.join(', ')}`)
  const example = readFileSync(path.join(root, 'deploy/env.example'), 'utf8')
  const exampleKeys = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!))
  const required = [...new Set([...text.matchAll(/\$\{(\w+)(?::?[?-][^}]*)?\}/g)].map((m) => m[1]!))]
  const secrets = ['SEAL_KEY', 'REALTIME_SECRET', 'MEETING_CHECKIN_SECRET', 'LIVEKIT_API_SECRET', 'METRICS_TOKEN', 'POSTGRES_PASSWORD']
  const absent = [...required, ...secrets].filter((k) => !exampleKeys.has(k) && k !== 'ACME_EMAIL')
  record('variables and shared secrets in deploy/env.example', absent.length === 0, absent.length ? `absent: ${absent.join(', ')}` : `${required.length} variables, secrets ${secrets.join(', ')}`)
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8')
  const imageCheck = /HEALTHCHECK[\s\S]*?\/api\/ready/.test(dockerfile)
  const rtHealth = ['realtime1', 'realtime2'].every((s) => envOf(s).HEALTH_PATH === '/ready' && envOf(s).HEALTH_PORT === '3001')
  record('health checks', imageCheck && rtHealth, `image HEALTHCHECK ${imageCheck ? 'asks /api/ready' : 'does not ask /api/ready'}; co-editing services ${rtHealth ? 'point it at :3001/ready' : 'do not point it at /ready'}`)
  const problems: string[] = []
  for (const [name, svc] of Object.entries(services)) {
    const deps = svc.depends_on
    if (deps && !Array.isArray(deps)) {
      for (const [dep, cond] of Object.entries(deps as Record<string, { condition?: string }>)) {
        if (!services[dep]) problems.push(`${name} depends on unknown ${dep}`)
        else if (cond.condition === 'service_healthy' && !services[dep]!.healthcheck && !(services[dep]!.build || String(services[dep]!.image).startsWith('xietong'))) problems.push(`${name} waits for ${dep} to be healthy, which has no health check`)
      }
    } else if (Array.isArray(deps)) for (const dep of deps as string[]) if (!services[dep]) problems.push(`${name} depends on unknown ${dep}`)
    for (const v of (svc.volumes ?? []) as string[]) {
      const src = v.split(':')[0]!
      if (src.startsWith('.') && !existsSync(path.join(root, src))) problems.push(`${name} mounts ${src}, which does not exist`)
      if (!src.startsWith('.') && !src.startsWith('/') && !(compose.volumes && src in compose.volumes)) problems.push(`${name} uses undeclared volume ${src}`)
    }
  }
  record('depends_on, mounts, volumes', problems.length === 0, problems.length ? problems.join('; ') : 'every dependency exists (health-gated ones have checks), every mounted file exists, volumes declared')
  const caddy = readFileSync(path.join(root, 'deploy/Caddyfile'), 'utf8')
  const upstreams = ['app1:3000', 'app2:3000', 'realtime1:3001', 'realtime2:3001', 'livekit:7880']
  const noRoute = upstreams.filter((u) => !caddy.includes(u))
  const caddyHealth = caddy.includes('health_uri /api/ready') && caddy.includes('health_uri /ready')
  record('Caddyfile', noRoute.length === 0 && caddyHealth, `${noRoute.length ? `no route to ${noRoute.join(', ')}; ` : 'routes to every instance; '}${caddyHealth ? 'active checks on /api/ready and /ready' : 'missing readiness checks'}`)
  record('docker compose config', null, daemon || has('docker-compose') ? 'available: run it' : 'not tried: no compose plugin or docker-compose here (parsed with the yaml package instead)')
}

checkCompose()
if (process.env.DEPLOY_CHECK_SKIP_BUILD !== '1') {
  if (!process.env.DATABASE_URL) record('Dockerfile', false, 'set DATABASE_URL to a PostgreSQL server to start the image')
  else await tryDockerfile()
}
const failed = results.filter((r) => r.ok === false)
console.log(failed.length ? `\n${failed.length} failed.` : '\nEverything that could be tried here passed.')
process.exitCode = failed.length ? 1 : 0
