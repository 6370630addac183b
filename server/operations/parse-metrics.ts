/**
 * Reads the Prometheus text format back (tests, the capacity bench): samples by name with their
 * labels, and the declared TYPE of each family. Strict: a line that is not a comment, blank or a
 * well-formed sample throws, so a malformed exposition fails the test that scrapes it.
 */
export type Sample = { name: string; labels: Record<string, string>; value: number }
export type Exposition = { samples: Sample[]; types: Map<string, string> }

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y

export function parseMetrics(text: string): Exposition {
  const samples: Sample[] = []
  const types = new Map<string, string>()
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line)
      if (type) {
        if (types.has(type[1]!)) throw new Error(`family declared twice: ${type[1]}`)
        types.set(type[1]!, type[2]!)
      }
      continue
    }
    const m = SAMPLE.exec(line)
    if (!m) throw new Error(`not a sample: ${line}`)
    const labels: Record<string, string> = {}
    if (m[2]) {
      LABEL.lastIndex = 0
      while (LABEL.lastIndex < m[2].length) {
        const l = LABEL.exec(m[2])
        if (!l) throw new Error(`bad labels: ${line}`)
        labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
      }
    }
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3])
    // Prometheus reads values with Go's ParseFloat: NaN in any case (prom-client writes `Nan` for an empty event-loop histogram).
    if (Number.isNaN(value) && !/^nan$/i.test(m[3]!)) throw new Error(`bad value: ${line}`)
    samples.push({ name: m[1]!, labels, value })
  }
  return { samples, types }
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sampleSum(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0)
}
