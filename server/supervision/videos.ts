import sharp from 'sharp'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { photoType } from './photos.ts'
import { videoDuration, videoType, type VideoMime } from './video-container.ts'

export const MAX_VIDEOS_PER_ITEM = 50
/** The poster frame the browser drew (a JPEG from a canvas) is small; anything bigger is not one. */
export const MAX_POSTER_BYTES = 1024 * 1024

/** The upload limit now (the setting SUPERVISION_VIDEO_MAX_MB), in bytes. */
export const maxVideoBytes = () => config().SUPERVISION_VIDEO_MAX_MB * 1024 * 1024

/**
 * Check a progress video: its real type from the bytes (MP4, WebM, QuickTime; anything else is refused,
 * whatever its name says), its size and, when the container states it, its duration, against the
 * settings. The video is stored as uploaded (no transcoding here: no ffmpeg). A poster frame is kept
 * only if it is a real image, re-encoded as a small JPEG.
 */
export async function checkVideo(bytes: Uint8Array, poster: Uint8Array | null) {
  const c = config()
  if (bytes.length > maxVideoBytes()) throw new AppError('supervision.video_too_large', { max: `${c.SUPERVISION_VIDEO_MAX_MB} MB` })
  const mime = videoType(bytes)
  if (!mime) throw new AppError('supervision.video_type')
  const duration = videoDuration(bytes, mime)
  if (duration !== null && duration > c.SUPERVISION_VIDEO_MAX_SECONDS + 0.5) throw new AppError('supervision.video_too_long', { max: c.SUPERVISION_VIDEO_MAX_SECONDS })
  return { mime, duration, poster: await posterOf(poster) }
}

async function posterOf(poster: Uint8Array | null): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!poster || poster.length === 0 || poster.length > MAX_POSTER_BYTES || !photoType(poster)) return null
  try {
    return new Uint8Array(await sharp(poster, { limitInputPixels: 4096 * 4096 }).resize({ width: 480, height: 480, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer())
  } catch {
    return null // no poster: the page shows a video tile
  }
}

/** Upload a video for a report still to be written (the owner or the unit's head of an accepted assignment). */
export async function uploadVideo(db: Db, actor: Actor, itemId: string, bytes: Uint8Array, poster: Uint8Array | null) {
  const viewer = await viewerOf(db, actor)
  const item = await loadItem(db, viewer, itemId)
  if (!item.assignments.some((a) => supervisionPolicy.mayReport(viewer, a))) throw new AppError('supervision.not_owner')
  if ((await db.supervisionVideo.count({ where: { itemId } })) >= MAX_VIDEOS_PER_ITEM) throw new AppError('supervision.video_limit')
  const video = await checkVideo(bytes, poster)
  return db.supervisionVideo.create({
    data: { itemId, uploadedById: actor.personId, mime: video.mime, size: bytes.length, durationSeconds: video.duration, bytes: new Uint8Array(bytes), poster: video.poster, hasPoster: !!video.poster, createdAt: clock.now() },
    select: { id: true, mime: true, size: true, durationSeconds: true, hasPoster: true },
  })
}

export type ByteRange = { start: number; end: number }

/**
 * `Range: bytes=a-b` (one range; phones seek with these). Null: no usable header, send it all;
 * 'unsatisfiable': a range outside the file (416).
 */
export function parseRange(header: string | null, size: number): ByteRange | null | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!m || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}

/**
 * A video (or the requested range of it) for those who see its item; others, and unknown ids, get
 * not found. Only the range is read from the database (`substring` on a column stored EXTERNAL, so
 * PostgreSQL fetches just the chunks it needs).
 */
export async function getVideo(db: Db, actor: Actor, id: string, rangeHeader: string | null) {
  const video = await db.supervisionVideo.findUnique({ where: { id }, select: { itemId: true, mime: true, size: true } })
  if (!video) throw new AppError('not_found')
  await loadItem(db, await viewerOf(db, actor), video.itemId)
  const range = parseRange(rangeHeader, video.size)
  if (range === 'unsatisfiable') return { mime: video.mime as VideoMime, size: video.size, range, bytes: null }
  const { start, end } = range ?? { start: 0, end: video.size - 1 }
  const [row] = await db.$queryRaw<{ part: Uint8Array }[]>`SELECT substring(bytes FROM ${start + 1}::int FOR ${end - start + 1}::int) AS part FROM "SupervisionVideo" WHERE id = ${id}::uuid`
  return { mime: video.mime as VideoMime, size: video.size, range, bytes: row!.part }
}

/** The poster frame, when the browser could draw one, for those who see the item. */
export async function getVideoPoster(db: Db, actor: Actor, id: string) {
  const video = await db.supervisionVideo.findUnique({ where: { id }, select: { itemId: true, poster: true } })
  if (!video) throw new AppError('not_found')
  await loadItem(db, await viewerOf(db, actor), video.itemId)
  if (!video.poster) throw new AppError('not_found')
  return video.poster
}
