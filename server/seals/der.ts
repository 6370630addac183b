/**
 * A small DER (X.690) encoder and reader: enough for the seal signature structure (GB/T 38540 style)
 * and for SM2 keys in openssl's formats. The reader is bounded: it reads untrusted bytes from uploaded
 * PDFs, so every length is checked against what is left and nesting is limited.
 */

export type Der = { tag: number; bytes: Uint8Array }

const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, OID: 0x06, UTF8: 0x0c, IA5: 0x16, GENERALIZED_TIME: 0x18, SEQUENCE: 0x30 } as const

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n]
  const out: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff)
  return [0x80 | out.length, ...out]
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const head = [tag, ...lengthBytes(content.length)]
  const out = new Uint8Array(head.length + content.length)
  out.set(head)
  out.set(content, head.length)
  return out
}

function bigEndian(n: number): Uint8Array {
  const out: number[] = []
  let v = n
  do { out.unshift(v & 0xff); v = Math.floor(v / 256) } while (v > 0)
  return Uint8Array.from(out)
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

export const der = {
  sequence: (...items: Uint8Array[]) => tlv(TAG.SEQUENCE, concat(items)),
  /** A context-specific constructed tag ([n] EXPLICIT). */
  explicit: (n: number, inner: Uint8Array) => tlv(0xa0 | n, inner),
  /** A non-negative integer given as big-endian bytes or a small number. */
  integer(value: number | Uint8Array): Uint8Array {
    let bytes = value instanceof Uint8Array ? value : bigEndian(value)
    let start = 0
    while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1]! & 0x80) === 0) start++
    bytes = bytes.subarray(start)
    return tlv(TAG.INTEGER, bytes[0]! & 0x80 ? concat([Uint8Array.of(0), bytes]) : bytes)
  },
  octetString: (bytes: Uint8Array) => tlv(TAG.OCTET_STRING, bytes),
  bitString: (bytes: Uint8Array) => tlv(TAG.BIT_STRING, concat([Uint8Array.of(0), bytes])),
  utf8: (text: string) => tlv(TAG.UTF8, new TextEncoder().encode(text)),
  ia5: (text: string) => tlv(TAG.IA5, Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f)),
  /** UTC, to the second: YYYYMMDDHHMMSSZ. */
  generalizedTime: (at: Date) => tlv(TAG.GENERALIZED_TIME, new TextEncoder().encode(`${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`)),
  oid(dotted: string): Uint8Array {
    const parts = dotted.split('.').map(Number)
    const out = [40 * parts[0]! + parts[1]!]
    for (const part of parts.slice(2)) {
      const chunk = [part & 0x7f]
      for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80)
      out.push(...chunk)
    }
    return tlv(TAG.OID, Uint8Array.from(out))
  },
}

export class DerError extends Error {}

/** Read one TLV at `at`; returns it and where the next one starts. */
export function readTlv(bytes: Uint8Array, at = 0): { node: Der; end: number; whole: Uint8Array } {
  if (at + 2 > bytes.length) throw new DerError('truncated')
  const tag = bytes[at]!
  if ((tag & 0x1f) === 0x1f) throw new DerError('long tags are not used here')
  let length = bytes[at + 1]!
  let head = 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4 || at + 2 + count > bytes.length) throw new DerError('bad length')
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + bytes[at + 2 + i]!
    head += count
  }
  const start = at + head
  if (start + length > bytes.length) throw new DerError('truncated')
  return { node: { tag, bytes: bytes.subarray(start, start + length) }, end: start + length, whole: bytes.subarray(at, start + length) }
}

/** The children of a constructed node (SEQUENCE, [n]). */
export function children(node: Der): Der[] {
  if ((node.tag & 0x20) === 0) throw new DerError('not constructed')
  const out: Der[] = []
  for (let at = 0; at < node.bytes.length;) {
    const { node: child, end } = readTlv(node.bytes, at)
    out.push(child)
    at = end
    if (out.length > 64) throw new DerError('too many elements')
  }
  return out
}

/** Like `children`, but also the whole encoding of each child (to verify a signature over one). */
export function childrenWhole(node: Der): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let at = 0; at < node.bytes.length;) {
    const { whole, end } = readTlv(node.bytes, at)
    out.push(whole)
    at = end
    if (out.length > 64) throw new DerError('too many elements')
  }
  return out
}

export function expectTag(node: Der | undefined, tag: number): Der {
  if (!node || node.tag !== tag) throw new DerError(`expected tag ${tag}`)
  return node
}

export const read = {
  sequence: (node: Der | undefined) => children(expectTag(node, TAG.SEQUENCE)),
  integer: (node: Der | undefined) => {
    const b = expectTag(node, TAG.INTEGER).bytes
    let n = 0
    if (b.length > 6) throw new DerError('integer too large')
    for (const x of b) n = n * 256 + x
    return n
  },
  octetString: (node: Der | undefined) => expectTag(node, TAG.OCTET_STRING).bytes,
  bitString: (node: Der | undefined) => {
    const b = expectTag(node, TAG.BIT_STRING).bytes
    if (b[0] !== 0) throw new DerError('unused bits')
    return b.subarray(1)
  },
  utf8: (node: Der | undefined) => new TextDecoder('utf-8', { fatal: true }).decode(expectTag(node, TAG.UTF8).bytes),
  ia5: (node: Der | undefined) => String.fromCharCode(...expectTag(node, TAG.IA5).bytes),
  generalizedTime(node: Der | undefined): Date {
    const text = new TextDecoder().decode(expectTag(node, TAG.GENERALIZED_TIME).bytes)
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    if (!m) throw new DerError('bad time')
    return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!))
  },
  oid(node: Der | undefined): string {
    const b = expectTag(node, TAG.OID).bytes
    if (b.length === 0) throw new DerError('empty oid')
    const parts = [Math.floor(b[0]! / 40), b[0]! % 40]
    let v = 0
    for (const x of b.subarray(1)) {
      v = v * 128 + (x & 0x7f)
      if (!(x & 0x80)) { parts.push(v); v = 0 }
    }
    return parts.join('.')
  },
}

export const hex = {
  from: (bytes: Uint8Array) => Buffer.from(bytes).toString('hex'),
  to: (text: string) => Uint8Array.from(Buffer.from(text, 'hex')),
}
