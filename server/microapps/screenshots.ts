/**
 * Store screenshots (应用截图): a submission may carry up to MAX_SCREENSHOTS images, each checked by its
 * bytes (JPEG, PNG or WebP, a readable header, a sane pixel count), re-encoded (at most 1600 px, WebP:
 * nothing of the original file reaches a browser) and filed as a phone (portrait) or desktop shot.
 * They belong to the version: the store shows the listed version's; a pending one's only to its
 * reviewers and its developer unit's administrators.
 */
import sharp from 'sharp'
import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { appFileType, imageSize, MAX_IMAGE_PIXELS } from './app-files.ts'
import { microappPolicy } from './policy.ts'

export const MAX_SCREENSHOTS = 6
export const MAX_SCREENSHOT_BYTES = 3 * 1024 * 1024

export type Screenshot = { bytes: Buffer; width: number; height: number; form: 'PHONE' | 'DESKTOP' }

/** Checks and re-encodes the screenshots of a submission (before its transaction: decoding is slow). */
export async function prepareScreenshots(files: Uint8Array[]): Promise<Screenshot[]> {
  if (files.length > MAX_SCREENSHOTS) throw new AppError('microapp.screenshot_limit')
  const out: Screenshot[] = []
  for (const bytes of files) {
    if (bytes.length > MAX_SCREENSHOT_BYTES) throw new AppError('microapp.file_too_large', { max: '3 MB' })
    const type = appFileType(bytes)
    const size = type?.startsWith('image/') ? await imageSize(bytes) : null
    if (!size) throw new AppError('microapp.screenshot_limit')
    if (size.width * size.height > MAX_IMAGE_PIXELS) throw new AppError('microapp.file_too_large', { max: '40 MP' })
    try {
      const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).autoOrient()
        .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true })
      out.push({ bytes: data, width: info.width, height: info.height, form: info.height > info.width ? 'PHONE' : 'DESKTOP' })
    } catch {
      throw new AppError('microapp.screenshot_limit')
    }
  }
  return out
}

export async function saveScreenshots(tx: Tx, versionId: string, shots: Screenshot[]): Promise<void> {
  if (!shots.length) return
  await tx.microAppScreenshot.createMany({ data: shots.map((s, i) => ({ versionId, sortOrder: i, form: s.form, mime: 'image/webp', width: s.width, height: s.height, bytes: s.bytes as Uint8Array<ArrayBuffer> })) })
}

/** The screenshots of a version, without their bytes (for the store's page and the review queue). */
export async function screenshotsOf(db: Db, versionIds: string[]) {
  return db.microAppScreenshot.findMany({ where: { versionId: { in: versionIds } }, orderBy: [{ versionId: 'asc' }, { sortOrder: 'asc' }], select: { id: true, versionId: true, form: true, width: true, height: true } })
}

/** One screenshot's image: anyone signed in for a listed version; otherwise its reviewers and developers. Else not found. */
export async function screenshotImage(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found')
  const shot = await db.microAppScreenshot.findUnique({ where: { id } })
  if (!shot) throw new AppError('not_found')
  const version = await db.microAppVersion.findUnique({ where: { id: shot.versionId }, select: { id: true, app: { select: { currentVersionId: true, status: true, developerUnitId: true } } } })
  if (!version) throw new AppError('not_found')
  const listed = version.app.status === 'LISTED' && version.app.currentVersionId === version.id
  if (!listed && !microappPolicy.mayReview(actor)) {
    const unit = await db.unit.findUnique({ where: { id: version.app.developerUnitId }, select: { path: true } })
    if (!unit || !microappPolicy.mayManageIn(actor, unit)) throw new AppError('not_found')
  }
  return { mime: shot.mime, bytes: shot.bytes }
}
