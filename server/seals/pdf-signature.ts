import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument, type PDFPage } from 'pdf-lib'

/**
 * A PDF signature dictionary (ISO 32000-1 §12.8) carrying the seal signature: /ByteRange names every
 * byte of the file except the /Contents hex string, and /Contents holds the DER SES_Signature. So the
 * signed content is the whole file but the signature value, and one changed byte anywhere else, or a
 * byte appended, breaks it.
 *
 * Filter and SubFilter name our handler; a PDF reader without it shows an unknown signature and still
 * displays the document.
 */
export const SIGNATURE_FILTER = 'Xietong.ESeal'
export const SIGNATURE_SUBFILTER = 'GBT38540.SES'

/** Room for the DER signature in bytes (it needs ~450; Chinese names make it longer). */
const CONTENTS_BYTES = 4096
const RANGE_PLACEHOLDER = '**********'
const BYTE_RANGE_TEXT = `/ByteRange [ 0 /${RANGE_PLACEHOLDER} /${RANGE_PLACEHOLDER} /${RANGE_PLACEHOLDER} ]`

/** Add the signature field with placeholders; the caller saves with `useObjectStreams: false`. */
export function addSignaturePlaceholder(pdf: PDFDocument, page: PDFPage, meta: { name: string; reason: string; signedAt: Date }) {
  const context = pdf.context
  const placeholder = PDFName.of(RANGE_PLACEHOLDER)
  const signature = context.obj({
    Type: 'Sig',
    Filter: SIGNATURE_FILTER,
    SubFilter: SIGNATURE_SUBFILTER,
    ByteRange: [PDFNumber.of(0), placeholder, placeholder, placeholder],
    Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
    Name: PDFHexString.fromText(meta.name),
    Reason: PDFHexString.fromText(meta.reason),
    M: PDFString.fromDate(meta.signedAt),
  })
  const signatureRef = context.register(signature)
  const widget = context.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: signatureRef,
    T: PDFHexString.fromText(`电子印章 ${meta.name}`), F: 132, P: page.ref,
  })
  const widgetRef = context.register(widget)
  page.node.addAnnot(widgetRef)
  const acroForm = pdf.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  if (acroForm) {
    const fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray)
    if (fields) fields.push(widgetRef)
    else acroForm.set(PDFName.of('Fields'), context.obj([widgetRef]))
    acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3))
  } else {
    pdf.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [widgetRef], SigFlags: 3 }))
  }
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

/**
 * Fill the placeholders of a saved PDF: write the byte range, then ask `sign` for the signature of
 * the content (every byte but the /Contents string) and write it into /Contents.
 */
export function fillSignature(saved: Uint8Array, sign: (content: Uint8Array) => Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(saved)
  const text = latin1(bytes)
  const rangeAt = text.lastIndexOf(BYTE_RANGE_TEXT)
  if (rangeAt < 0) throw new Error('signature placeholder not found')
  const contentsText = `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`
  const contentsAt = text.indexOf(contentsText, rangeAt)
  if (contentsAt < 0 || contentsAt - rangeAt > 200) throw new Error('signature contents not found')
  const start = contentsAt + '/Contents '.length
  const end = start + CONTENTS_BYTES * 2 + 2
  const range = `/ByteRange [ 0 ${start} ${end} ${bytes.length - end}`
  if (range.length + 2 > BYTE_RANGE_TEXT.length) throw new Error('byte range does not fit')
  bytes.set(Buffer.from(`${range}${' '.repeat(BYTE_RANGE_TEXT.length - range.length - 1)}]`, 'latin1'), rangeAt)
  const content = new Uint8Array(start + bytes.length - end)
  content.set(bytes.subarray(0, start))
  content.set(bytes.subarray(end), start)
  const signature = Buffer.from(sign(content)).toString('hex').toUpperCase()
  if (signature.length > CONTENTS_BYTES * 2) throw new Error('signature does not fit')
  bytes.set(Buffer.from(signature, 'latin1'), start + 1)
  return bytes
}

export type ExtractedSignature =
  | { ok: true; content: Uint8Array; signature: Uint8Array }
  | { ok: false; reason: 'no_signature' | 'altered' | 'bad_signature' }

/**
 * The last signature of a PDF: its signed content and its value. The byte range must start at 0,
 * leave out exactly the /Contents hex string, and end at the end of the file (anything appended after
 * signing, such as an incremental update, counts as a change).
 */
export function extractSignature(bytes: Uint8Array): ExtractedSignature {
  const text = latin1(bytes)
  const pattern = /\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/g
  let last: RegExpExecArray | null = null
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) last = m
  if (!last) return { ok: false, reason: 'no_signature' }
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number]
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d !== bytes.length || text[b] !== '<' || text[c - 1] !== '>') return { ok: false, reason: 'altered' }
  const valueHex = text.slice(b + 1, c - 1)
  if (!/^[0-9A-Fa-f]*$/.test(valueHex) || valueHex.length % 2) return { ok: false, reason: 'bad_signature' }
  const content = new Uint8Array(b + d)
  content.set(bytes.subarray(0, b))
  content.set(bytes.subarray(c), b)
  return { ok: true, content, signature: Uint8Array.from(Buffer.from(valueHex, 'hex')) }
}
