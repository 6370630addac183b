import { PDFDocument } from 'pdf-lib'
import { AppError } from '../core/errors.ts'
import { MAX_SEAL_IMAGE_BYTES } from './schemas.ts'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Does the PNG have transparency: an alpha channel (colour types 4, 6) or a tRNS chunk? */
function hasTransparency(bytes: Uint8Array): boolean {
  const colourType = bytes[25]
  if (colourType === 4 || colourType === 6) return true
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let at = 8; at + 8 <= view.length;) {
    const length = view.readUInt32BE(at)
    const type = view.toString('latin1', at + 4, at + 8)
    if (type === 'tRNS') return true
    if (type === 'IDAT' || type === 'IEND') return false
    at += 12 + length
  }
  return false
}

/**
 * An uploaded seal image must be a PNG (by its signature, not its name), at most 1 MB, with a
 * transparent background (a seal is stamped over the text), and one pdf-lib can embed.
 */
export async function checkSealImage(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.length > MAX_SEAL_IMAGE_BYTES) throw new AppError('seal.image_too_large', { maxKb: MAX_SEAL_IMAGE_BYTES / 1024 })
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b) || !hasTransparency(bytes)) throw new AppError('seal.image_invalid')
  try {
    await (await PDFDocument.create()).embedPng(bytes)
  } catch (e) {
    throw new AppError('seal.image_invalid', {}, undefined, e)
  }
  return bytes
}
