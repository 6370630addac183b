/** CPU time and memory of a process (and of PostgreSQL's processes), read from /proc on Linux. */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

let ticksPerSecond: number | undefined
function ticks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** Fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** User + system CPU seconds the process has used so far (null once it is gone). */
export function cpuSeconds(pid: number): number | null {
  const f = statFields(pid)
  return f ? (Number(f[11]) + Number(f[12])) / ticks() : null
}

/** Resident memory now and its peak over the process's life (VmHWM), in MB. */
export function memoryMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
  } catch {
    return null
  }
}

/** A process and its direct children (PostgreSQL: the postmaster and its backends and workers). */
export function withChildren(pid: number): number[] {
  const pids = [pid]
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    if (statFields(Number(name))?.[1] === String(pid)) pids.push(Number(name))
  }
  return pids
}

/** CPU seconds of each of these processes now, to subtract from a later reading. */
export function cpuByPid(pids: number[]): Map<number, number> {
  const m = new Map<number, number>()
  for (const pid of pids) {
    const s = cpuSeconds(pid)
    if (s !== null) m.set(pid, s)
  }
  return m
}

/** CPU used between two readings (processes that started in between count from zero). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0
  for (const [pid, s] of after) total += s - (before.get(pid) ?? 0)
  return total
}
