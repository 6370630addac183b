/**
 * Files people give micro-apps through the platform (chooseImage: the host's own picker; uploadFile:
 * bytes the app made itself), scope file.upload, checked on the bridge like any call (bridge.ts).
 * The type is read from the bytes, never from the name or the declared type; images must also decode
 * to a sane size. The app gets a reference it may fetch from the apps origin: `/files/<id>/<key>`,
 * the key random and stored only as its SHA-256, for FILE_TTL.
 */
import sharp from 'sharp'
import type { Db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { randomToken, safeEqual, sha256Hex } from '../core/crypto.ts'
import { plainText } from '../core/text.ts'
import { appOrigins } from './origins.ts'

export const MAX_APP_FILE_BYTES = 5 * 1024 * 1024
export const MAX_IMAGE_PIXELS = 40_000_000
export const FILE_TTL = days(7)

export type AppFileType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'
export type AppFileRef = { fileId: string; name: string; size: number; type: AppFileType; url: string }

/** The real type from the first bytes, whatever the name or the declared type say. */
export function appFileType(bytes: Uint8Array): AppFileType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png'
  if (bytes.length > 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp'
  if (bytes.length > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'application/pdf'
  return null
}

/** An image's size from its header (nothing decoded), or null when it is not a readable image. */
export async function imageSize(bytes: Uint8Array): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata()
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : null
  } catch {
    return null
  }
}

const fileName = plainText(120)

/** Checks a file for an app (images only for chooseImage) and stores it for the person; the reference to give the app. */
export async function storeAppFile(db: Db, input: { appId: string; personId: string; name: string; bytes: Uint8Array; imagesOnly: boolean }): Promise<AppFileRef> {
  if (input.bytes.length > MAX_APP_FILE_BYTES) throw new AppError('microapp.file_too_large', { max: '5 MB' })
  const type = appFileType(input.bytes)
  if (!type || (input.imagesOnly && !type.startsWith('image/'))) throw new AppError('microapp.file_type')
  if (type.startsWith('image/')) {
    const size = await imageSize(input.bytes)
    if (!size) throw new AppError('microapp.file_type')
    if (size.width * size.height > MAX_IMAGE_PIXELS) throw new AppError('microapp.file_too_large', { max: '40 MP' })
  }
  const parsed = fileName.safeParse(input.name.trim() || 'file')
  const name = parsed.success && parsed.data ? parsed.data : 'file'
  const key = randomToken(24)
  const now = clock.now()
  const row = await db.microAppFile.create({
    data: { appId: input.appId, personId: input.personId, keyHash: sha256Hex(key), name, mime: type, size: input.bytes.length, bytes: input.bytes as Uint8Array<ArrayBuffer>, createdAt: now, expiresAt: new Date(now.getTime() + FILE_TTL) },
    select: { id: true },
  })
  return { fileId: row.id, name, size: input.bytes.length, type, url: `${appOrigins().apps}/files/${row.id}/${key}` }
}

/** The file behind a reference, while it lives (the apps origin serves it). */
export async function readAppFile(db: Db, id: string, key: string): Promise<{ mime: string; name: string; bytes: Uint8Array } | null> {
  if (!/^[0-9a-f-]{36}$/.test(id) || !/^[\w-]{20,64}$/.test(key)) return null
  const row = await db.microAppFile.findUnique({ where: { id }, select: { keyHash: true, mime: true, name: true, bytes: true, expiresAt: true } })
  if (!row || row.expiresAt <= clock.now() || !safeEqual(row.keyHash, sha256Hex(key))) return null
  return row
}

export async function deleteExpiredAppFiles(db: Db): Promise<number> {
  return (await db.microAppFile.deleteMany({ where: { expiresAt: { lt: clock.now() } } })).count
}
