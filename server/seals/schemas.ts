import { z } from 'zod'
import { plainText } from '../core/text.ts'

export const MAX_SEAL_IMAGE_BYTES = 1024 * 1024

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes expected')

export const createSealInput = z.object({
  unitId: z.uuid(),
  /** As engraved: the unit's name, optionally followed by what stands below the star (公文专用章). */
  name: plainText(40).min(2),
  /** A PNG with transparency; absent: the standard red round seal is drawn from the name. */
  image: bytes.nullish(),
})
export type CreateSealInput = z.input<typeof createSealInput>

export const updateSealInput = z.object({
  name: plainText(40).min(2).optional(),
  /** A new PNG; null: back to the drawn standard seal; absent: unchanged. */
  image: bytes.nullish(),
  isActive: z.boolean().optional(),
})
export type UpdateSealInput = z.input<typeof updateSealInput>

export const sealHoldersInput = z.object({ personIds: z.array(z.uuid()).max(200) })
