import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { isUuid } from '../core/strings.ts'
import type { RequestContext } from '../core/request-context.ts'
import { sealPolicy } from './policy.ts'
import { checkSealImage } from './seal-image.ts'
import { platformSealKey, wrapPrivateKey } from './seal-key.ts'
import { createSealInput, sealHoldersInput, updateSealInput, type CreateSealInput, type UpdateSealInput } from './schemas.ts'
import { generateSm2KeyPair } from './sm2.ts'

/** A seal with its unit, for the manager's checks; out of scope and missing look the same. */
async function manageableSeal(tx: Tx, actor: Actor, sealId: string) {
  if (!isUuid(sealId)) throw new AppError('not_found')
  await tx.$queryRaw`SELECT id FROM "Seal" WHERE id = ${sealId}::uuid FOR UPDATE`
  const seal = await tx.seal.findUnique({ where: { id: sealId } })
  const unit = seal ? await tx.unit.findUnique({ where: { id: seal.unitId }, select: { id: true, name: true, path: true } }) : null
  if (!seal || !unit || !sealPolicy.mayManage(actor, unit)) throw new AppError('not_found')
  return { seal, unit }
}

/** A new SM2 key pair, the private key encrypted under the platform's seal key. */
async function newKey(db: Db | Tx) {
  const master = await platformSealKey(db)
  const pair = generateSm2KeyPair()
  return { publicKey: pair.publicKey, privateKeyEnc: wrapPrivateKey(master, pair.privateKey, pair.publicKey) }
}

/** Register a unit's seal: its name, its image (uploaded or drawn), and a fresh SM2 key pair. */
export async function createSeal(db: Db, actor: Actor, input: CreateSealInput, context: RequestContext) {
  const fields = createSealInput.parse(input)
  const image = fields.image ? Uint8Array.from(await checkSealImage(fields.image)) : null
  return db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: fields.unitId }, select: { id: true, name: true, path: true, isActive: true } })
    if (!unit?.isActive || !sealPolicy.mayManage(actor, unit)) throw new AppError('not_found')
    const seal = await tx.seal.create({ data: { unitId: unit.id, name: fields.name, image, ...(await newKey(tx)), createdById: actor.personId } })
    await recordAudit(tx, {
      actor, action: 'seal.create', objectType: 'Seal', objectId: seal.id,
      details: { unitId: unit.id, unit: unit.name, name: seal.name, image: image ? 'uploaded' : 'drawn', publicKey: seal.publicKey }, context,
    })
    return { id: seal.id, publicKey: seal.publicKey }
  })
}

/** Rename, replace or drop the uploaded image, deactivate or reactivate. The key never changes here. */
export async function updateSeal(db: Db, actor: Actor, sealId: string, input: UpdateSealInput, context: RequestContext) {
  const fields = updateSealInput.parse(input)
  const image = fields.image ? Uint8Array.from(await checkSealImage(fields.image)) : fields.image
  return db.$transaction(async (tx) => {
    const { seal } = await manageableSeal(tx, actor, sealId)
    const data = {
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(image !== undefined ? { image } : {}),
      ...(fields.isActive !== undefined ? { isActive: fields.isActive } : {}),
    }
    await tx.seal.update({ where: { id: seal.id }, data })
    await recordAudit(tx, {
      actor, action: 'seal.update', objectType: 'Seal', objectId: seal.id,
      details: { name: fields.name, image: image === undefined ? undefined : image ? 'uploaded' : 'drawn', isActive: fields.isActive }, context,
    })
  })
}

/**
 * Give a seal without a key its key pair. A seal that has one keeps it: replacing it would make
 * every document sealed so far fail verification.
 */
export async function generateSealKey(db: Db, actor: Actor, sealId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const { seal } = await manageableSeal(tx, actor, sealId)
    if (seal.publicKey) throw new AppError('seal.has_key')
    const key = await newKey(tx)
    await tx.seal.update({ where: { id: seal.id }, data: key })
    await recordAudit(tx, { actor, action: 'seal.key', objectType: 'Seal', objectId: seal.id, details: { publicKey: key.publicKey }, context })
    return { publicKey: key.publicKey }
  })
}

/** Who may use the seal (SealHolder rows): the list replaces the previous one. */
export async function setSealHolders(db: Db, actor: Actor, sealId: string, input: { personIds: string[] }, context: RequestContext) {
  const { personIds } = sealHoldersInput.parse(input)
  const wanted = [...new Set(personIds)]
  return db.$transaction(async (tx) => {
    const { seal } = await manageableSeal(tx, actor, sealId)
    const people = await tx.person.findMany({ where: { id: { in: wanted }, isActive: true }, select: { id: true, name: true } })
    if (people.length !== wanted.length) throw new AppError('not_found')
    const current = (await tx.sealHolder.findMany({ where: { sealId: seal.id }, select: { personId: true } })).map((h) => h.personId)
    const added = wanted.filter((id) => !current.includes(id))
    const removed = current.filter((id) => !wanted.includes(id))
    await tx.sealHolder.deleteMany({ where: { sealId: seal.id, personId: { in: removed } } })
    await tx.sealHolder.createMany({ data: added.map((personId) => ({ sealId: seal.id, personId, grantedById: actor.personId })) })
    await recordAudit(tx, { actor, action: 'seal.holders', objectType: 'Seal', objectId: seal.id, details: { added, removed }, context })
    return { holders: wanted.length }
  })
}

/** The seals of the units the actor manages, with holders and how often each was used. */
export async function listSeals(db: Db, actor: Actor) {
  const unitIds = await sealPolicy.manageableUnitIds(db, actor)
  if (unitIds.length === 0) return []
  const seals = await db.seal.findMany({
    where: { unitId: { in: unitIds } },
    orderBy: [{ isActive: 'desc' }, { createdAt: 'asc' }],
    select: { id: true, unitId: true, name: true, publicKey: true, isActive: true, createdAt: true, updatedAt: true, holders: { select: { personId: true } }, _count: { select: { uses: true } } },
  })
  const withImage = new Set((await db.seal.findMany({ where: { id: { in: seals.map((s) => s.id) }, image: { not: null } }, select: { id: true } })).map((s) => s.id))
  const [units, people] = await Promise.all([
    db.unit.findMany({ where: { id: { in: [...new Set(seals.map((s) => s.unitId))] } }, select: { id: true, name: true } }),
    db.person.findMany({ where: { id: { in: [...new Set(seals.flatMap((s) => s.holders.map((h) => h.personId)))] } }, select: { id: true, name: true } }),
  ])
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const personName = new Map(people.map((p) => [p.id, p.name]))
  return seals.map((s) => ({
    id: s.id, unitId: s.unitId, unitName: unitName.get(s.unitId) ?? '', name: s.name, isActive: s.isActive, createdAt: s.createdAt, updatedAt: s.updatedAt,
    hasKey: !!s.publicKey, publicKey: s.publicKey, hasUploadedImage: withImage.has(s.id), uses: s._count.uses,
    holders: s.holders.map((h) => ({ id: h.personId, name: personName.get(h.personId) ?? '' })),
  }))
}

export type SealSummary = Awaited<ReturnType<typeof listSeals>>[number]

/**
 * Register a seal with its key and holders without any permission check or audit entry: for the
 * demo seed and tests only (hence the name). Everything else goes through `createSeal`.
 */
export async function unsafeRegisterSeal(db: Db | Tx, input: { unitId: string; name: string; holderIds: string[]; createdById: string; image?: Uint8Array | null }) {
  return db.seal.create({
    data: {
      unitId: input.unitId, name: input.name, image: input.image ? Uint8Array.from(input.image) : null, createdById: input.createdById, ...(await newKey(db)),
      holders: { create: input.holderIds.map((personId) => ({ personId, grantedById: input.createdById })) },
    },
  })
}
