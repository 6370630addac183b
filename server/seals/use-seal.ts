import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { sealPolicy } from './policy.ts'
import type { SealForSigning } from './seal-pdf.ts'
import { platformSealKey, unwrapPrivateKey } from './seal-key.ts'

/** The seals the actor holds that can seal the documents of an organisation now. */
export async function listUsableSeals(db: Db | Tx, actor: Actor, organ: { path: string }) {
  const seals = await db.seal.findMany({
    where: { isActive: true, publicKey: { not: null }, holders: { some: { personId: actor.personId } } },
    select: { id: true, name: true, unitId: true },
    orderBy: { createdAt: 'asc' },
  })
  const units = await db.unit.findMany({ where: { id: { in: seals.map((s) => s.unitId) } }, select: { id: true, name: true, path: true } })
  const unitOf = new Map(units.map((u) => [u.id, u]))
  return seals
    .filter((s) => { const unit = unitOf.get(s.unitId); return !!unit && sealPolicy.belongsTo(unit, organ) })
    .map((s) => ({ id: s.id, name: s.name, unitName: unitOf.get(s.unitId)!.name }))
}

/**
 * A seal ready to sign with, for this actor and this organisation's document. In order: it exists,
 * the actor holds it, it is active, it has a key, it belongs to the organisation; then its private
 * key is decrypted (it stays in memory only for this use).
 */
export async function sealForUse(db: Db | Tx, actor: Actor, sealId: string, organ: { path: string }): Promise<SealForSigning> {
  const seal = isUuid(sealId) ? await db.seal.findUnique({ where: { id: sealId }, include: { holders: { where: { personId: actor.personId }, select: { personId: true } } } }) : null
  if (!seal) throw new AppError('not_found')
  if (seal.holders.length === 0) throw new AppError('seal.not_holder', { seal: seal.name })
  if (!seal.isActive) throw new AppError('seal.inactive', { seal: seal.name })
  if (!seal.publicKey || !seal.privateKeyEnc) throw new AppError('seal.no_key', { seal: seal.name })
  const unit = await db.unit.findUniqueOrThrow({ where: { id: seal.unitId }, select: { name: true, path: true } })
  if (!sealPolicy.belongsTo(unit, organ)) throw new AppError('seal.wrong_organ', { seal: seal.name })
  const privateKey = unwrapPrivateKey(await platformSealKey(db), seal.privateKeyEnc, seal.publicKey)
  return { id: seal.id, name: seal.name, unitName: unit.name, image: seal.image, publicKey: seal.publicKey, privateKey }
}

/** The ledger entry of one use; the caller records it in the transaction that keeps the result. */
export async function recordSealUse(tx: Tx, use: { sealId: string; documentId: string | null; personId: string; at: Date; documentHash: string; signature: string }) {
  return tx.sealUse.create({ data: use })
}
