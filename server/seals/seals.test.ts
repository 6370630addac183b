import { crc32, deflateSync } from 'node:zlib'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildUnit } from '../test/factories.ts'
import {
  createSeal, generateSealKey, listSeals, listUsableSeals, sealForUse, sealImage, setSealHolders, stampAndSign, updateSeal, verifySealedPdf,
  generateSm2KeyPair, MAX_VERIFY_BYTES,
} from './index.ts'
import { platformSealKey, unwrapPrivateKey } from './seal-key.ts'
import { extractSignature } from './pdf-signature.ts'
import { decodeSignature } from './ses-signature.ts'

const ctx = buildContext()

/** A w×h PNG, RGBA (colour type 6) or RGB (2), one colour. */
function png(width: number, height: number, alpha = true): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, alpha ? 6 : 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.of(0), Buffer.alloc(width * (alpha ? 4 : 3), alpha ? Buffer.of(220, 20, 30, 128) : Buffer.of(220, 20, 30))])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]))
}

async function setup() {
  const organ = await buildUnit({ name: '泰和市人民政府', organCode: `泰${Math.random().toString(36).slice(2, 6)}` })
  const office = await buildUnit({ parent: organ, name: '泰和市人民政府办公室' })
  const other = await buildUnit({ name: '邻市人民政府' })
  const person = async (name: string, unit: { id: string }, extra: Parameters<typeof buildPerson>[0] = {}) => {
    const p = await buildPerson({ name, unit, ...extra })
    return { ...p, actor: await actorFor(p) }
  }
  const admin = await person('印章管理员', office, { grants: [{ permissions: ['seal.manage'], unit: organ }] })
  const clerk = await person('赵文书', office)
  const outsider = await person('路人', other, { grants: [{ permissions: ['seal.manage'], unit: other }] })
  return { organ, office, other, admin, clerk, outsider }
}

/** A one-page PDF, and the place the seal goes on it. */
async function samplePdf() {
  const pdf = await PDFDocument.create()
  const page = pdf.addPage([595.28, 841.89])
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  page.drawText('Taihe Municipal Government — Notice on winter work safety', { x: 80, y: 700, size: 14, font })
  page.drawText('Taihe Municipal Government Office   23 November 2026', { x: 260, y: 200, size: 12, font })
  return { pdf: await pdf.save(), anchor: { page: 0, x: 400, y: 205, diameterPt: 119 } }
}

async function sealSample(s: Awaited<ReturnType<typeof setup>>, sealId: string) {
  const seal = await sealForUse(db(), s.clerk.actor, sealId, s.organ)
  const { pdf, anchor } = await samplePdf()
  return stampAndSign({ pdf, anchor, seal, signer: { id: s.clerk.id, name: s.clerk.name }, signedAt: new Date(Math.floor(clock.now().getTime() / 1000) * 1000), propertyInfo: 'document:test' })
}

describe('seal registry', () => {
  it('registers a seal with an SM2 key (private key SM4-encrypted), chooses holders, and audits each change', async () => {
    const s = await setup()
    const { id, publicKey } = await createSeal(db(), s.admin.actor, { unitId: s.office.id, name: '泰和市人民政府办公室公文专用章' }, ctx)
    const row = await db().seal.findUniqueOrThrow({ where: { id } })
    expect(row.publicKey).toBe(publicKey)
    expect(row.publicKey).toMatch(/^04[0-9a-f]{128}$/)
    expect(row.privateKeyEnc).toMatch(/^sm4cbc-hmacsm3\./)
    const privateKey = unwrapPrivateKey(await platformSealKey(db()), row.privateKeyEnc!, row.publicKey!)
    expect(row.privateKeyEnc).not.toContain(privateKey)
    // The encrypted key is bound to its seal's public key: moved to another seal, it does not open.
    const other = await createSeal(db(), s.admin.actor, { unitId: s.office.id, name: '泰和市人民政府办公室' }, ctx)
    expect(() => unwrapPrivateKey(Buffer.alloc(32), row.privateKeyEnc!, row.publicKey!)).toThrow()
    expect(() => unwrapPrivateKey(Buffer.from('x'), row.privateKeyEnc!, other.publicKey!)).toThrow()

    await setSealHolders(db(), s.admin.actor, id, { personIds: [s.clerk.id] }, ctx)
    const [listed] = (await listSeals(db(), s.admin.actor)).filter((x) => x.id === id)
    expect(listed).toMatchObject({ unitName: '泰和市人民政府办公室', hasKey: true, hasUploadedImage: false, holders: [{ id: s.clerk.id, name: '赵文书' }], uses: 0 })
    expect((await listUsableSeals(db(), s.clerk.actor, s.organ)).map((x) => x.id)).toEqual([id])
    expect(await listUsableSeals(db(), s.clerk.actor, s.other)).toEqual([])
    expect((await db().auditEvent.findMany({ where: { objectId: id }, orderBy: { id: 'asc' } })).map((a) => a.action)).toEqual(['seal.create', 'seal.holders'])

    // The drawn seal's preview, for its managers and holders only.
    expect((await sealImage(db(), s.clerk.actor, id)).contentType).toBe('image/svg+xml')
    await expectAppError(sealImage(db(), s.outsider.actor, id), 'not_found')
  })

  it('keeps seal management within the administrator’s units', async () => {
    const s = await setup()
    await expectAppError(createSeal(db(), s.clerk.actor, { unitId: s.office.id, name: '泰和市人民政府办公室' }, ctx), 'not_found')
    await expectAppError(createSeal(db(), s.outsider.actor, { unitId: s.office.id, name: '泰和市人民政府办公室' }, ctx), 'not_found')
    const { id } = await createSeal(db(), s.admin.actor, { unitId: s.office.id, name: '泰和市人民政府办公室' }, ctx)
    await expectAppError(setSealHolders(db(), s.outsider.actor, id, { personIds: [s.outsider.id] }, ctx), 'not_found')
    expect(await listSeals(db(), s.outsider.actor)).toEqual([])
  })

  it('accepts an uploaded PNG with transparency up to 1 MB, and nothing else', async () => {
    const s = await setup()
    const base = { unitId: s.office.id, name: '泰和市人民政府办公室' }
    await expectAppError(createSeal(db(), s.admin.actor, { ...base, image: new TextEncoder().encode('GIF89a not a png') }, ctx), 'seal.image_invalid')
    await expectAppError(createSeal(db(), s.admin.actor, { ...base, image: png(8, 8, false) }, ctx), 'seal.image_invalid')
    const big = new Uint8Array(1024 * 1024 + 1)
    big.set(png(8, 8))
    await expectAppError(createSeal(db(), s.admin.actor, { ...base, image: big }, ctx), 'seal.image_too_large')
    const { id } = await createSeal(db(), s.admin.actor, { ...base, image: png(64, 64) }, ctx)
    expect((await sealImage(db(), s.admin.actor, id)).contentType).toBe('image/png')
    await updateSeal(db(), s.admin.actor, id, { image: null }, ctx)
    expect((await sealImage(db(), s.admin.actor, id)).contentType).toBe('image/svg+xml')
  })

  it('refuses a seal that cannot be used: no key, deactivated, not a holder, another organisation', async () => {
    const s = await setup()
    const { id } = await createSeal(db(), s.admin.actor, { unitId: s.office.id, name: '泰和市人民政府办公室' }, ctx)
    await expectAppError(sealForUse(db(), s.clerk.actor, id, s.organ), 'seal.not_holder')
    await setSealHolders(db(), s.admin.actor, id, { personIds: [s.clerk.id] }, ctx)
    await expectAppError(sealForUse(db(), s.clerk.actor, id, s.other), 'seal.wrong_organ')
    await updateSeal(db(), s.admin.actor, id, { isActive: false }, ctx)
    await expectAppError(sealForUse(db(), s.clerk.actor, id, s.organ), 'seal.inactive')
    await updateSeal(db(), s.admin.actor, id, { isActive: true }, ctx)

    const keyless = await db().seal.create({ data: { unitId: s.office.id, name: '泰和市人民政府办公室（旧）', createdById: s.admin.id, holders: { create: { personId: s.clerk.id, grantedById: s.admin.id } } } })
    const refused = await expectAppError(sealForUse(db(), s.clerk.actor, keyless.id, s.organ), 'seal.no_key')
    expect(refused.params.seal).toBe('泰和市人民政府办公室（旧）')
    await generateSealKey(db(), s.admin.actor, keyless.id, ctx)
    expect((await sealForUse(db(), s.clerk.actor, keyless.id, s.organ)).publicKey).toMatch(/^04/)
    await expectAppError(generateSealKey(db(), s.admin.actor, keyless.id, ctx), 'seal.has_key')

    await db().seal.update({ where: { id }, data: { privateKeyEnc: (await db().seal.findUniqueOrThrow({ where: { id: keyless.id } })).privateKeyEnc } })
    await expectAppError(sealForUse(db(), s.clerk.actor, id, s.organ), 'seal.key_unavailable')
  })
})

describe('verifying a sealed PDF', () => {
  async function sealed() {
    const s = await setup()
    const { id } = await createSeal(db(), s.admin.actor, { unitId: s.office.id, name: '泰和市人民政府办公室公文专用章' }, ctx)
    await setSealHolders(db(), s.admin.actor, id, { personIds: [s.clerk.id] }, ctx)
    return { s, id, result: await sealSample(s, id) }
  }

  it('finds an untouched sealed PDF valid, with its seal, unit, signer and time', async () => {
    const { result } = await sealed()
    const verdict = await verifySealedPdf(db(), result.pdf)
    expect(verdict).toMatchObject({ valid: true, seal: { name: '泰和市人民政府办公室公文专用章', unit: '泰和市人民政府办公室' }, signer: '赵文书', documentHash: result.documentHash })
    expect(verdict.signedAt?.getTime()).toBe(result.signedAt.getTime())
    // Still a PDF every reader opens: one page, the text there.
    expect((await PDFDocument.load(result.pdf)).getPageCount()).toBe(1)
  })

  it('finds any one changed byte outside the signature value, or bytes appended, altered', async () => {
    const { result } = await sealed()
    const text = Buffer.from(result.pdf).toString('latin1')
    const contents = text.lastIndexOf('/Contents <') + '/Contents <'.length
    const positions = [20, Math.floor(contents / 3), Math.floor(contents / 2), contents - 40, result.pdf.length - 30, result.pdf.length - 1]
    for (const at of positions) {
      const copy = Uint8Array.from(result.pdf)
      copy[at] = copy[at] === 0x41 ? 0x42 : 0x41
      expect((await verifySealedPdf(db(), copy)).valid, `byte ${at}`).toBe(false)
    }
    const copy = Uint8Array.from(result.pdf)
    const body = text.indexOf('Taihe') > 0 ? text.indexOf('Taihe') : text.indexOf('stream') + 20
    copy[body] = copy[body]! ^ 0x01
    expect(await verifySealedPdf(db(), copy)).toEqual({ valid: false, reason: 'altered' })
    const appended = new Uint8Array([...result.pdf, ...new TextEncoder().encode('\n% an incremental update\n')])
    expect(await verifySealedPdf(db(), appended)).toEqual({ valid: false, reason: 'altered' })
  })

  it('finds a changed signature value bad', async () => {
    const { result } = await sealed()
    const copy = Uint8Array.from(result.pdf)
    const start = Buffer.from(copy).toString('latin1').lastIndexOf('/Contents <') + '/Contents <'.length
    const extracted = extractSignature(result.pdf)
    if (!extracted.ok) throw new Error('no signature')
    // A hex digit near the end of the DER: inside the SM2 signature value (r, s).
    const at = start + decodeSignature(extracted.signature).length * 2 - 10
    copy[at] = copy[at] === 0x30 ? 0x31 : 0x30
    expect(await verifySealedPdf(db(), copy)).toEqual({ valid: false, reason: 'bad_signature' })
    // The room left after the value must stay empty padding.
    const padded = Uint8Array.from(result.pdf)
    padded[start + 4000] = 0x31
    expect(await verifySealedPdf(db(), padded)).toEqual({ valid: false, reason: 'bad_signature' })
    // Not DER at all.
    const garbage = Uint8Array.from(result.pdf)
    garbage[start] = 0x46
    expect(await verifySealedPdf(db(), garbage)).toEqual({ valid: false, reason: 'bad_signature' })
  })

  it('finds a PDF re-stamped and signed with a key the platform never registered unknown, even naming a real seal', async () => {
    const { s, id } = await sealed()
    const forger = generateSm2KeyPair()
    const { pdf, anchor } = await samplePdf()
    const forged = await stampAndSign({
      pdf, anchor, seal: { id, name: '泰和市人民政府办公室公文专用章', unitName: '泰和市人民政府办公室', image: null, ...forger },
      signer: { id: s.clerk.id, name: '赵文书' }, signedAt: new Date(), propertyInfo: 'document:test',
    })
    expect(await verifySealedPdf(db(), forged.pdf)).toEqual({ valid: false, reason: 'unknown_key' })
    const unregistered = await stampAndSign({
      pdf, anchor, seal: { id: '0190f0f0-0000-7000-8000-000000000000', name: '某某局', unitName: '某某局', image: null, ...forger },
      signer: { id: s.clerk.id, name: '赵文书' }, signedAt: new Date(), propertyInfo: 'document:test',
    })
    expect(await verifySealedPdf(db(), unregistered.pdf)).toEqual({ valid: false, reason: 'unknown_key' })
  })

  it('says clearly when there is no signature, when it is not a PDF, and refuses more than 20 MB', async () => {
    expect(await verifySealedPdf(db(), (await samplePdf()).pdf)).toEqual({ valid: false, reason: 'no_signature' })
    expect(await verifySealedPdf(db(), new TextEncoder().encode('PK\u0003\u0004 a zip, not a PDF'))).toEqual({ valid: false, reason: 'not_pdf' })
    expect(await verifySealedPdf(db(), new Uint8Array(0))).toEqual({ valid: false, reason: 'not_pdf' })
    const huge = new Uint8Array(MAX_VERIFY_BYTES + 1)
    huge.set(new TextEncoder().encode('%PDF-1.7\n'))
    const error = await expectAppError(verifySealedPdf(db(), huge), 'seal.file_too_large')
    expect(error.params.maxMb).toBe(20)
  })

  it('stamps an uploaded image in place of the drawn seal', async () => {
    const s = await setup()
    const { id } = await createSeal(db(), s.admin.actor, { unitId: s.office.id, name: '泰和市人民政府办公室', image: png(120, 120) }, ctx)
    await setSealHolders(db(), s.admin.actor, id, { personIds: [s.clerk.id] }, ctx)
    const result = await sealSample(s, id)
    expect(Buffer.from(result.pdf).toString('latin1')).toContain('/Subtype /Image')
    expect((await verifySealedPdf(db(), result.pdf)).valid).toBe(true)
  })
})
