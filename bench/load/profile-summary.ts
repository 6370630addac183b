/**
 * Where a `.cpuprofile` (node --cpu-prof) spent its time: self time by package (next, react-dom,
 * prisma, pg, our code…) and the top functions. `npx tsx bench/load/profile-summary.ts FILE [TOP]`.
 */
import { readFileSync } from 'node:fs'

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const [file, topArg] = process.argv.slice(2)
if (!file) throw new Error('usage: profile-summary.ts FILE [TOP]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map<number, number>()
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))

function bucket(url: string, name: string): string {
  if (!url) return name === '(garbage collector)' ? 'GC' : name === '(idle)' ? 'idle' : name === '(program)' ? 'program (native)' : `native ${name}`
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) {
    if (m[1] === 'next') return /compiled\/react-dom|react-server-dom/.test(url) ? `next (${/react-server-dom[^/]*/.exec(url)?.[0] ?? 'react-dom'})` : 'next'
    return m[1]!
  }
  if (url.startsWith('node:')) return 'node internals'
  if (url.includes('/.next/')) return 'app (built .next)'
  if (url.includes('/server/core/db/generated')) return 'prisma client (generated)'
  return 'our source'
}

const total = [...self.values()].reduce((a, b) => a + b, 0)
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0)
const busy = total - idle
const packages = new Map<string, number>()
const functions = new Map<string, number>()
for (const [id, t] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame
  if (functionName === '(idle)') continue
  const b = bucket(url, functionName)
  packages.set(b, (packages.get(b) ?? 0) + t)
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|app|realtime|scripts)\//, '$1/')}:${lineNumber + 1}`
  functions.set(key, (functions.get(key) ?? 0) + t)
}
const pct = (t: number) => `${((100 * t) / busy).toFixed(1)} %`
console.log(`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s`)
console.table(Object.fromEntries([...packages].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, t]) => [k, { ms: Math.round(t / 1000), share: pct(t) }])))
console.table(Object.fromEntries([...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 30)).map(([k, t]) => [k.slice(0, 120), { ms: Math.round(t / 1000), share: pct(t) }])))

// FOCUS=name: the call paths (5 frames up) that lead to functions of that name, by self time.
const focus = process.env.FOCUS
if (focus) {
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const paths = new Map<string, number>()
  for (const [id, t] of self) {
    if (byId.get(id)!.callFrame.functionName !== focus) continue
    const frames: string[] = []
    for (let p = parent.get(id); p !== undefined && frames.length < Number(process.env.DEPTH ?? 6); p = parent.get(p)) {
      const f = byId.get(p)!.callFrame
      frames.push(`${f.functionName || '?'}@${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/(server|app|chunks)\//, '$1/').slice(-40)}:${f.lineNumber + 1}`)
    }
    const key = frames.join(' < ')
    paths.set(key, (paths.get(key) ?? 0) + t)
  }
  for (const [k, t] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${Math.round(t / 1000)} ms  ${k}`)
}
