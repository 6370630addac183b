import type { Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'

/**
 * 机关代字 are unique (a database constraint): document numbers' prefixes are made from them, so two
 * organs with one code would share a sequence. Checked first for a clear message; the constraint
 * decides under parallel requests.
 */
export async function assertOrganCodeFree(tx: Tx, organCode: string | null | undefined, exceptId?: string) {
  if (!organCode) return
  const taken = await tx.unit.findFirst({ where: { organCode, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } })
  if (taken) throw new AppError('directory.organ_code_taken', { organCode, unit: taken.name })
}
