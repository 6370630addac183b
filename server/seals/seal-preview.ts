import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { sealPolicy } from './policy.ts'
import { sealLettering, sealSvg, standardSealArtwork } from './seal-graphics.ts'

/** 42 mm, the common diameter of an organ's seal, in points. */
export const SEAL_DIAMETER_PT = (42 / 25.4) * 72

/**
 * The seal's image for the admin page and the sealing panel: the uploaded PNG, or the drawn standard
 * seal as SVG. Shown to its managers and its holders only.
 */
export async function sealImage(db: Db, actor: Actor, sealId: string): Promise<{ contentType: string; bytes: Uint8Array }> {
  const seal = isUuid(sealId) ? await db.seal.findUnique({ where: { id: sealId }, include: { holders: { where: { personId: actor.personId } } } }) : null
  const unit = seal ? await db.unit.findUnique({ where: { id: seal.unitId }, select: { name: true, path: true } }) : null
  if (!seal || !unit || (!sealPolicy.mayManage(actor, unit) && seal.holders.length === 0)) throw new AppError('not_found')
  if (seal.image) return { contentType: 'image/png', bytes: seal.image }
  const art = standardSealArtwork({ ...sealLettering(seal.name, unit.name), diameter: SEAL_DIAMETER_PT })
  return { contentType: 'image/svg+xml', bytes: new TextEncoder().encode(sealSvg(art)) }
}
