import { BlendMode, PDFDocument } from 'pdf-lib'
import { sm3Hex } from '../core/crypto.ts'
import { addSignaturePlaceholder, fillSignature } from './pdf-signature.ts'
import { drawSealArtwork, sealLettering, standardSealArtwork } from './seal-graphics.ts'
import { encodeSignature, encodeToSign } from './ses-signature.ts'
import { sm2Sign } from './sm2.ts'

/** Where the seal goes: page (0-based) and centre in PDF points, as the renderer reports it. */
export type SealAnchor = { page: number; x: number; y: number; diameterPt: number }

export type SealForSigning = { id: string; name: string; unitName: string; image: Uint8Array | null; publicKey: string; privateKey: string }

export type SealedPdf = { pdf: Uint8Array; documentHash: string; signature: string; signedAt: Date }

/**
 * Stamp the seal's image at the anchor and sign: SM3 over every byte but the signature value, the
 * SES_Signature over that hash, the seal, the signer and the time (SM2 with the seal's key), written
 * into the PDF's signature dictionary. Pure: no database; the caller checks who may do it.
 */
export async function stampAndSign(input: {
  pdf: Uint8Array; anchor: SealAnchor; seal: SealForSigning; signer: { id: string; name: string }; signedAt: Date; propertyInfo: string
}): Promise<SealedPdf> {
  const { anchor, seal } = input
  const doc = await PDFDocument.load(input.pdf, { updateMetadata: false })
  const page = doc.getPage(anchor.page)
  if (seal.image) {
    const image = await doc.embedPng(seal.image)
    const scale = anchor.diameterPt / Math.max(image.width, image.height)
    const w = image.width * scale
    const h = image.height * scale
    page.drawImage(image, { x: anchor.x - w / 2, y: anchor.y - h / 2, width: w, height: h, blendMode: BlendMode.Multiply })
  } else {
    const lettering = sealLettering(seal.name, seal.unitName)
    drawSealArtwork(page, standardSealArtwork({ ...lettering, diameter: anchor.diameterPt }), anchor)
  }
  addSignaturePlaceholder(doc, page, { name: seal.name, reason: `${seal.unitName} 电子印章`, signedAt: input.signedAt })
  const saved = await doc.save({ useObjectStreams: false })
  let documentHash = ''
  let signature = ''
  const pdf = fillSignature(saved, (content) => {
    documentHash = sm3Hex(Buffer.from(content.buffer, content.byteOffset, content.byteLength))
    const toSign = encodeToSign({
      seal: { id: seal.id, name: seal.name, unit: seal.unitName, publicKey: seal.publicKey },
      signer: input.signer, signedAt: input.signedAt, documentHash, propertyInfo: input.propertyInfo,
    })
    const value = sm2Sign(toSign, seal.privateKey, seal.publicKey)
    signature = Buffer.from(value).toString('hex')
    return encodeSignature(toSign, value)
  })
  return { pdf, documentHash, signature, signedAt: input.signedAt }
}
