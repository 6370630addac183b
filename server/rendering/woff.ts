import { promisify } from 'node:util'
import { inflate as inflateCallback } from 'node:zlib'

const inflate = promisify(inflateCallback)

/**
 * A WOFF 1.0 font (W3C WOFF, §3–5) unpacked into the plain TrueType/OpenType file it wraps. fontkit
 * reads WOFF directly but inflates a whole table on every access (fontkit 2 WOFFFont._getTableStream),
 * so each glyph of a subset would inflate the 20 MB `glyf` table of a CJK font again; unpacked once,
 * the font reads like any TTF. Tables are inflated on libuv's threads (about 0.4 s for a 10 MB WOFF
 * here), not on the event loop. Other bytes are returned as they are.
 */
export async function unpackWoff(bytes: Uint8Array): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 44 || view.getUint32(0) !== 0x774f4646 /* wOFF */) return bytes
  const flavor = view.getUint32(4)
  const numTables = view.getUint16(12)
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20
    return { tag: view.getUint32(at), offset: view.getUint32(at + 4), compLength: view.getUint32(at + 8), origLength: view.getUint32(at + 12), checksum: view.getUint32(at + 16) }
  })
  const pad = (n: number) => (n + 3) & ~3
  const headerLength = 12 + 16 * numTables
  const total = tables.reduce((sum, t) => sum + pad(t.origLength), headerLength)
  const out = new Uint8Array(total)
  const outView = new DataView(out.buffer)
  const entrySelector = Math.floor(Math.log2(numTables))
  const searchRange = 2 ** entrySelector * 16
  outView.setUint32(0, flavor)
  outView.setUint16(4, numTables)
  outView.setUint16(6, searchRange)
  outView.setUint16(8, entrySelector)
  outView.setUint16(10, numTables * 16 - searchRange)
  const contents = await Promise.all(tables.map((t) => {
    const stored = bytes.subarray(t.offset, t.offset + t.compLength)
    return t.compLength < t.origLength ? inflate(stored) : stored
  }))
  let offset = headerLength
  tables.forEach((t, i) => {
    const data = contents[i]!
    if (data.byteLength !== t.origLength) throw new Error('WOFF table length does not match its directory')
    out.set(data, offset)
    const at = 12 + i * 16
    outView.setUint32(at, t.tag)
    outView.setUint32(at + 4, t.checksum)
    outView.setUint32(at + 8, offset)
    outView.setUint32(at + 12, t.origLength)
    offset += pad(t.origLength)
  })
  return out
}
