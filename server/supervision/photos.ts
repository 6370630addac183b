import sharp from 'sharp'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'

/** The most an uploaded photo may be (the phone compresses before upload; this is a backstop). */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024
/** A decompression bomb (a small file of a huge image) is refused before decoding. */
export const MAX_PHOTO_PIXELS = 40_000_000
export const MAX_PHOTOS_PER_ITEM = 200

/** The real type from the first bytes, whatever the name or the declared type say. */
export function photoType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png'
  if (bytes.length > 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp'
  return null
}

/**
 * Check and re-encode a photo: real type by magic bytes, size, pixel count; turned upright; location
 * (EXIF/GPS) stripped unless the reporter keeps it; at most 1600 px, JPEG; and a 320 px thumbnail.
 */
export async function processPhoto(bytes: Uint8Array, keepLocation: boolean) {
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('supervision.photo_too_large', { max: '8 MB' })
  if (!photoType(bytes)) throw new AppError('supervision.photo_type')
  let meta: { width?: number; height?: number }
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata() // the header only; nothing is decoded
  } catch {
    throw new AppError('supervision.photo_type')
  }
  if (!meta.width || !meta.height) throw new AppError('supervision.photo_type')
  if (meta.width * meta.height > MAX_PHOTO_PIXELS) throw new AppError('supervision.photo_too_large', { max: '40 MP' })
  const base = () => {
    const s = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS }).autoOrient()
    return keepLocation ? s.keepMetadata() : s
  }
  try {
    const { data, info } = await base().resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true })
    const thumb = await sharp(data).resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer()
    return { data, thumb, width: info.width, height: info.height, mime: 'image/jpeg' as const }
  } catch {
    throw new AppError('supervision.photo_type')
  }
}

/** Upload a photo for a report still to be written (the owner or the unit's head of an accepted assignment). */
export async function uploadPhoto(db: Db, actor: Actor, itemId: string, bytes: Uint8Array, keepLocation: boolean) {
  const viewer = await viewerOf(db, actor)
  const item = await loadItem(db, viewer, itemId)
  if (!item.assignments.some((a) => supervisionPolicy.mayReport(viewer, a))) throw new AppError('supervision.not_owner')
  if ((await db.supervisionPhoto.count({ where: { itemId } })) >= MAX_PHOTOS_PER_ITEM) throw new AppError('supervision.photo_limit')
  const photo = await processPhoto(bytes, keepLocation)
  const row = await db.supervisionPhoto.create({
    data: { itemId, uploadedById: actor.personId, mime: photo.mime, width: photo.width, height: photo.height, bytes: photo.data, thumb: photo.thumb, keptLocation: keepLocation, createdAt: clock.now() },
    select: { id: true, width: true, height: true },
  })
  return row
}

/** A photo's bytes, for those who see its item (the URL alone gives nothing). */
export async function getPhoto(db: Db, actor: Actor, id: string, thumb: boolean) {
  const photo = await db.supervisionPhoto.findUnique({ where: { id }, select: { itemId: true, mime: true, bytes: !thumb, thumb } })
  if (!photo) throw new AppError('not_found')
  await loadItem(db, await viewerOf(db, actor), photo.itemId)
  return { mime: thumb ? 'image/jpeg' : photo.mime, bytes: (thumb ? photo.thumb : photo.bytes)! }
}
