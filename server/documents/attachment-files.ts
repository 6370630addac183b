import { AppError } from '../core/errors.ts'

/**
 * What may be attached to a document, and how a file is checked: by its extension, then by its
 * bytes (magic numbers), so the stored type is what the file is, never what the browser said. No
 * imports beyond errors: the attachments panel in the browser reads the limits from here.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
export const MAX_ATTACHMENTS = 20
const MAX_NAME_LENGTH = 200

const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
const startsWith = (data: Uint8Array, magic: Uint8Array, at = 0) => data.length >= at + magic.length && magic.every((b, i) => data[at + i] === b)

/** Whether the ASCII `needle` occurs in the first `within` bytes. */
function contains(data: Uint8Array, needle: string, within = data.length): boolean {
  const n = bytesOf(needle)
  const end = Math.min(within, data.length) - n.length
  for (let i = data.indexOf(n[0]!); i >= 0 && i <= end; i = data.indexOf(n[0]!, i + 1)) {
    if (startsWith(data, n, i)) return true
  }
  return false
}

const ZIP = [bytesOf('PK\x03\x04'), bytesOf('PK\x05\x06')]
const OLE = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1) // Compound File: .doc, .xls, older .wps/.et
const isZip = (d: Uint8Array) => ZIP.some((m) => startsWith(d, m))
const isOle = (d: Uint8Array) => startsWith(d, OLE)

type FileKind = { contentType: string; looksRight: (data: Uint8Array) => boolean }

const kinds: Record<string, FileKind> = {
  // Readers accept a PDF header anywhere in the first 1,024 bytes (PDF 32000-1, annex H.3).
  pdf: { contentType: 'application/pdf', looksRight: (d) => contains(d, '%PDF-', 1024) },
  // OFD (GB/T 33190) is a zip package whose entry point is OFD.xml.
  ofd: { contentType: 'application/ofd', looksRight: (d) => isZip(d) && contains(d, 'OFD.xml') },
  png: { contentType: 'image/png', looksRight: (d) => startsWith(d, Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) },
  jpg: { contentType: 'image/jpeg', looksRight: (d) => startsWith(d, Uint8Array.of(0xff, 0xd8, 0xff)) },
  gif: { contentType: 'image/gif', looksRight: (d) => startsWith(d, bytesOf('GIF87a')) || startsWith(d, bytesOf('GIF89a')) },
  tif: { contentType: 'image/tiff', looksRight: (d) => startsWith(d, bytesOf('II*\x00')) || startsWith(d, bytesOf('MM\x00*')) },
  bmp: { contentType: 'image/bmp', looksRight: (d) => startsWith(d, bytesOf('BM')) },
  webp: { contentType: 'image/webp', looksRight: (d) => startsWith(d, bytesOf('RIFF')) && startsWith(d, bytesOf('WEBP'), 8) },
  doc: { contentType: 'application/msword', looksRight: isOle },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', looksRight: isZip },
  xls: { contentType: 'application/vnd.ms-excel', looksRight: isOle },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', looksRight: isZip },
  // WPS Office's own formats: Compound File, or a zip package in recent versions.
  wps: { contentType: 'application/wps-office.wps', looksRight: (d) => isOle(d) || isZip(d) },
  et: { contentType: 'application/wps-office.et', looksRight: (d) => isOle(d) || isZip(d) },
  zip: { contentType: 'application/zip', looksRight: isZip },
}
const aliases: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' }

/** What the file picker accepts (the server checks again). */
export const ATTACHMENT_ACCEPT = [...Object.keys(kinds), ...Object.keys(aliases)].map((e) => `.${e}`).join(',')

/** A file name safe to store and to send back: no path, no control or reserved characters, bounded. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim()
  if (base.length <= MAX_NAME_LENGTH) return base
  const dot = base.lastIndexOf('.')
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : ''
  return base.slice(0, MAX_NAME_LENGTH - ext.length) + ext
}

/** The checked file: its clean name and the content type its bytes show. Throws a clear error otherwise. */
export function checkAttachment(fileName: string, data: Uint8Array): { fileName: string; contentType: string } {
  const name = cleanFileName(fileName) || 'attachment'
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  const kind = kinds[aliases[ext] ?? ext]
  if (!kind) throw new AppError('document.attachment_type', { name })
  if (data.length === 0) throw new AppError('document.attachment_empty', { name })
  if (data.length > MAX_ATTACHMENT_BYTES) throw new AppError('document.attachment_too_large', { name, maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 })
  if (!kind.looksRight(data)) throw new AppError('document.attachment_content', { name })
  return { fileName: name, contentType: kind.contentType }
}

/**
 * `Content-Disposition` for a download: an ASCII fallback, and the real (often Chinese) name as
 * RFC 5987 UTF-8, which every current browser prefers (RFC 6266 section 4.3).
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
