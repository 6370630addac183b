import { sm2 } from 'sm-crypto-v2'

/**
 * SM2 signatures (GB/T 32918.2) with SM3, as GB/T 38540 seals use them. Every signature here goes
 * through the Z-value step (`hash: true`) with the default user ID of GM/T 0009-2012; without that
 * step the result is not an SM2 signature any other implementation accepts.
 */
export const SM2_USER_ID = '1234567812345678'

/** OID of SM2-with-SM3 (GM/T 0006). */
export const SM2_WITH_SM3 = '1.2.156.10197.1.501'

export type Sm2KeyPair = { publicKey: string; privateKey: string }

/** A fresh key pair; the public key as uncompressed hex (04‖x‖y), the private key as 64 hex digits. */
export function generateSm2KeyPair(): Sm2KeyPair {
  const { publicKey, privateKey } = sm2.generateKeyPairHex()
  return { publicKey, privateKey: privateKey.padStart(64, '0') }
}

export const publicKeyOf = (privateKey: string) => sm2.getPublicKeyFromPrivateKey(privateKey)

export const isSm2PublicKey = (publicKey: string) => /^04[0-9a-f]{128}$/.test(publicKey) && sm2.verifyPublicKey(publicKey)

/** Sign `message`: the signature as DER (SEQUENCE { r INTEGER, s INTEGER }, GM/T 0009). */
export function sm2Sign(message: Uint8Array, privateKey: string, publicKey: string): Uint8Array {
  return Uint8Array.from(Buffer.from(sm2.doSignature(message, privateKey, { hash: true, der: true, publicKey, userId: SM2_USER_ID }), 'hex'))
}

// Precomputed tables make verifying ~5× faster (FACTS: 5–8 ms → 1.3 ms); kept for registered keys only.
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>()

/** Whether `signature` (DER) is `publicKey`'s SM2 signature of `message`. Malformed input is simply invalid. */
export function sm2Verify(message: Uint8Array, signature: Uint8Array, publicKey: string, options: { cache?: boolean } = {}): boolean {
  try {
    let key: string | ReturnType<typeof sm2.precomputePublicKey> = publicKey
    if (options.cache) {
      key = precomputed.get(publicKey) ?? sm2.precomputePublicKey(publicKey)
      if (precomputed.size > 1000) precomputed.clear()
      precomputed.set(publicKey, key)
    }
    return sm2.doVerifySignature(message, Buffer.from(signature).toString('hex'), key, { hash: true, der: true, userId: SM2_USER_ID })
  } catch {
    return false
  }
}
