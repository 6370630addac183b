/**
 * What a progress video really is, from its bytes (never its name or declared type), and how long it
 * says it lasts. No decoder: ISO BMFF (MP4, QuickTime) boxes and WebM's EBML elements are read by hand.
 */
export type VideoMime = 'video/mp4' | 'video/quicktime' | 'video/webm'

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n))
/** Audio-only MP4 brands: an .m4a renamed .mp4 is not a video. */
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B '])
/** QuickTime files from before `ftyp` open with one of these atoms. */
const QT_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip'])

export function videoType(b: Uint8Array): VideoMime | null {
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4)
    if (brand === 'qt  ') return 'video/quicktime'
    if (AUDIO_BRANDS.has(brand) || !/^[\x20-\x7e]{4}$/.test(brand)) return null
    return 'video/mp4'
  }
  if (b.length >= 8 && QT_ATOMS.has(ascii(b, 4, 4)) && new DataView(b.buffer, b.byteOffset).getUint32(0) >= 8) return 'video/quicktime'
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    // The EBML header's DocType (0x4282) must say webm (a Matroska .mkv is not served as WebM).
    const header = readElement(b, 0)
    if (!header) return null
    for (const child of children(b, header.dataStart, header.end)) {
      if (child.id === 0x4282) return ascii(b, child.dataStart, child.end - child.dataStart) === 'webm' ? 'video/webm' : null
    }
    return null
  }
  return null
}

/** Seconds from the container's header, or null when it does not say (a WebM recorded live has none). */
export function videoDuration(b: Uint8Array, mime: VideoMime): number | null {
  return mime === 'video/webm' ? webmDuration(b) : mp4Duration(b)
}

// ── ISO BMFF: moov › mvhd (timescale, duration); moov may follow mdat, as phones write it ──

function* boxes(b: Uint8Array, start: number, end: number) {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  let at = start
  while (at + 8 <= end) {
    let size = view.getUint32(at)
    const type = ascii(b, at + 4, 4)
    let header = 8
    if (size === 1) {
      if (at + 16 > end) return
      size = Number(view.getBigUint64(at + 8))
      header = 16
    } else if (size === 0) size = end - at
    if (size < header || at + size > end) return
    yield { type, dataStart: at + header, end: at + size }
    at += size
  }
}

function mp4Duration(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  for (const moov of boxes(b, 0, b.length)) {
    if (moov.type !== 'moov') continue
    for (const box of boxes(b, moov.dataStart, moov.end)) {
      if (box.type !== 'mvhd') continue
      const v = b[box.dataStart]
      const at = box.dataStart + 4 + (v === 1 ? 16 : 8)
      if (at + (v === 1 ? 12 : 8) > box.end) return null
      const timescale = view.getUint32(at)
      const duration = v === 1 ? Number(view.getBigUint64(at + 4)) : view.getUint32(at + 4)
      return timescale ? duration / timescale : null
    }
  }
  return null
}

// ── EBML (WebM): Segment › Info › TimecodeScale (ns per tick, default 1 ms) and Duration (ticks, float) ──

type Element = { id: number; dataStart: number; end: number; unknownSize: boolean }

/** A variable-length integer; `keepMarker` for element ids. */
function vint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; allOnes: boolean } | null {
  const first = b[at]
  if (first === undefined || first === 0) return null
  const length = Math.clz32(first) - 23
  if (length > 8 || at + length > b.length) return null
  let value = keepMarker ? first : first & (0xff >> length)
  let allOnes = value === (0xff >> length)
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i]!
    if (b[at + i] !== 0xff) allOnes = false
  }
  return { value, length, allOnes }
}

function readElement(b: Uint8Array, at: number, limit = b.length): Element | null {
  const id = vint(b, at, true)
  if (!id) return null
  const size = vint(b, at + id.length, false)
  if (!size) return null
  const dataStart = at + id.length + size.length
  const end = size.allOnes ? limit : Math.min(dataStart + size.value, limit)
  return { id: id.value, dataStart, end, unknownSize: size.allOnes }
}

function* children(b: Uint8Array, start: number, end: number) {
  let at = start
  while (at < end) {
    const e = readElement(b, at, end)
    if (!e || e.dataStart > end) return
    yield e
    if (e.unknownSize) return // a live-recorded cluster runs to the end: nothing after it to find
    at = e.end
  }
}

function webmDuration(b: Uint8Array): number | null {
  for (const top of children(b, 0, b.length)) {
    if (top.id !== 0x18538067) continue // Segment
    for (const part of children(b, top.dataStart, top.end)) {
      if (part.id !== 0x1549a966) continue // Info
      let scale = 1_000_000
      let ticks: number | null = null
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
      for (const e of children(b, part.dataStart, part.end)) {
        const n = e.end - e.dataStart
        if (e.id === 0x2ad7b1) scale = [...b.subarray(e.dataStart, e.end)].reduce((x, y) => x * 256 + y, 0) // TimecodeScale
        if (e.id === 0x4489 && (n === 4 || n === 8)) ticks = n === 4 ? view.getFloat32(e.dataStart) : view.getFloat64(e.dataStart) // Duration
      }
      return ticks === null ? null : (ticks * scale) / 1e9
    }
  }
  return null
}
