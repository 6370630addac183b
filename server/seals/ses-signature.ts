import { der, DerError, childrenWhole, hex, read, readTlv } from './der.ts'
import { SM2_WITH_SM3 } from './sm2.ts'

/**
 * The electronic seal signature, modelled on GB/T 38540-2019 SES_Signature (version 4), with the
 * seal's public key in place of a certificate (the platform is its own registry of seals):
 *
 *   SES_Signature ::= SEQUENCE {
 *     toSign          TBS_Sign,
 *     signatureAlgID  OBJECT IDENTIFIER,       -- 1.2.156.10197.1.501 SM2-with-SM3
 *     signature       BIT STRING }             -- DER SM2Signature (r, s), GM/T 0009
 *   TBS_Sign ::= SEQUENCE {
 *     version         INTEGER (4),
 *     eseal           SEQUENCE { esID IA5String, name UTF8String, unit UTF8String, publicKey BIT STRING },
 *     timeInfo        GeneralizedTime,
 *     dataHash        OCTET STRING,            -- SM3 of the signed bytes (the PDF's /ByteRange)
 *     propertyInfo    IA5String,               -- what was signed: "document:<id>"
 *     signer          SEQUENCE { id IA5String, name UTF8String } }
 *
 * The SM2 signature is over the DER of TBS_Sign, so the hash, the seal, the signer and the time are
 * all covered by it.
 */
export const SES_VERSION = 4

export type SealSignatureInfo = {
  seal: { id: string; name: string; unit: string; publicKey: string }
  signer: { id: string; name: string }
  signedAt: Date
  /** SM3 of the signed content, hex. */
  documentHash: string
  propertyInfo: string
}

export function encodeToSign(info: SealSignatureInfo): Uint8Array {
  return der.sequence(
    der.integer(SES_VERSION),
    der.sequence(der.ia5(info.seal.id), der.utf8(info.seal.name), der.utf8(info.seal.unit), der.bitString(hex.to(info.seal.publicKey))),
    der.generalizedTime(info.signedAt),
    der.octetString(hex.to(info.documentHash)),
    der.ia5(info.propertyInfo),
    der.sequence(der.ia5(info.signer.id), der.utf8(info.signer.name)),
  )
}

export function encodeSignature(toSign: Uint8Array, signature: Uint8Array): Uint8Array {
  return der.sequence(toSign, der.oid(SM2_WITH_SM3), der.bitString(signature))
}

export type DecodedSignature = SealSignatureInfo & { toSign: Uint8Array; algorithm: string; signature: Uint8Array; length: number }

/** Read an SES_Signature from untrusted bytes; throws DerError when it is not one. */
export function decodeSignature(bytes: Uint8Array): DecodedSignature {
  const { node, end } = readTlv(bytes)
  const top = read.sequence(node)
  const [toSignWhole] = childrenWhole(node)
  if (top.length !== 3 || !toSignWhole) throw new DerError('SES_Signature has three parts')
  const tbs = read.sequence(top[0])
  if (read.integer(tbs[0]) !== SES_VERSION) throw new DerError('version')
  const eseal = read.sequence(tbs[1])
  const signer = read.sequence(tbs[5])
  return {
    seal: { id: read.ia5(eseal[0]), name: read.utf8(eseal[1]), unit: read.utf8(eseal[2]), publicKey: hex.from(read.bitString(eseal[3])) },
    signedAt: read.generalizedTime(tbs[2]),
    documentHash: hex.from(read.octetString(tbs[3])),
    propertyInfo: read.ia5(tbs[4]),
    signer: { id: read.ia5(signer[0]), name: read.utf8(signer[1]) },
    toSign: toSignWhole,
    algorithm: read.oid(top[1]),
    signature: read.bitString(top[2]),
    length: end,
  }
}
