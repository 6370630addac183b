import type { Db } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { sm3Hex } from '../core/crypto.ts'
import { isUuid } from '../core/strings.ts'
import { DerError } from './der.ts'
import { extractSignature } from './pdf-signature.ts'
import { decodeSignature } from './ses-signature.ts'
import { SM2_WITH_SM3, sm2Verify } from './sm2.ts'

export const MAX_VERIFY_BYTES = 20 * 1024 * 1024

export type VerifyReason = 'altered' | 'unknown_key' | 'no_signature' | 'bad_signature' | 'not_pdf'

export type Verdict = {
  valid: boolean
  reason?: VerifyReason
  seal?: { name: string; unit: string }
  signer?: string
  signedAt?: Date
  /** SM3 of the signed content, hex (what the seal's use was recorded with). */
  documentHash?: string
  /** The document this seal use stamped, as recorded (its title and number are printed in the PDF itself). */
  document?: { title: string; number: string | null }
}

/**
 * Check a sealed PDF anyone uploads: is it a PDF, does it carry a seal signature, is every signed
 * byte as it was (SM3), was the seal one this platform registered (its public key), and is the SM2
 * signature that key's. The verdict names the first check that failed.
 */
export async function verifySealedPdf(db: Db, bytes: Uint8Array): Promise<Verdict> {
  if (bytes.length > MAX_VERIFY_BYTES) throw new AppError('seal.file_too_large', { maxMb: MAX_VERIFY_BYTES / 1024 / 1024 })
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') < 0) return { valid: false, reason: 'not_pdf' }
  const extracted = extractSignature(bytes)
  if (!extracted.ok) return { valid: false, reason: extracted.reason }
  let decoded
  try {
    decoded = decodeSignature(extracted.signature)
    // After the DER value the reserved room must be empty padding.
    if (extracted.signature.subarray(decoded.length).some((b) => b !== 0)) throw new DerError('trailing data')
    if (decoded.algorithm !== SM2_WITH_SM3) throw new DerError('algorithm')
  } catch (e) {
    if (e instanceof DerError || e instanceof TypeError || e instanceof RangeError) return { valid: false, reason: 'bad_signature' }
    throw e
  }
  const documentHash = sm3Hex(Buffer.from(extracted.content.buffer, extracted.content.byteOffset, extracted.content.byteLength))
  // What an invalid signature claims (seal, signer) is not shown: it would lend the forgery a name.
  if (documentHash !== decoded.documentHash) return { valid: false, reason: 'altered' }
  const seal = isUuid(decoded.seal.id) ? await db.seal.findUnique({ where: { id: decoded.seal.id }, select: { publicKey: true } }) : null
  if (!seal?.publicKey || seal.publicKey !== decoded.seal.publicKey) return { valid: false, reason: 'unknown_key' }
  if (!sm2Verify(decoded.toSign, decoded.signature, seal.publicKey, { cache: true })) return { valid: false, reason: 'bad_signature' }
  // Name the document the platform recorded for this use; whoever holds the PDF already reads both.
  const use = await db.sealUse.findFirst({ where: { sealId: decoded.seal.id, documentHash, documentId: { not: null } }, select: { documentId: true } })
  const document = use ? await db.document.findUnique({ where: { id: use.documentId! }, select: { title: true, number: true } }) : null
  return { valid: true, seal: { name: decoded.seal.name, unit: decoded.seal.unit }, signer: decoded.signer.name, signedAt: decoded.signedAt, documentHash, ...(document ? { document } : {}) }
}
