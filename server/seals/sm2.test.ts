import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sm2 } from 'sm-crypto-v2'
import { describe, expect, it } from 'vitest'
import { der, hex } from './der.ts'
import { generateSm2KeyPair, publicKeyOf, sm2Sign, sm2Verify, SM2_USER_ID } from './sm2.ts'

/** GB/T 32918.5-2017 (GM/T 0003.5) annex A: the SM2 signature example on the recommended curve. */
const annex = {
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey: '04' + '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' + 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  userId: '1234567812345678',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
}

const derSignature = (r: string, s: string) => der.sequence(der.integer(hex.to(r)), der.integer(hex.to(s)))

describe('SM2 (GB/T 32918)', () => {
  it('matches the annex example: key, Z-value hash, verification, and signing with its fixed k', () => {
    expect(annex.userId).toBe(SM2_USER_ID)
    expect(publicKeyOf(annex.privateKey)).toBe(annex.publicKey)
    expect(sm2.getHash(Buffer.from(annex.message).toString('hex'), annex.publicKey, annex.userId)).toBe(annex.e)
    const message = new TextEncoder().encode(annex.message)
    expect(sm2Verify(message, derSignature(annex.r, annex.s), annex.publicKey)).toBe(true)
    expect(sm2Verify(message, derSignature(annex.r, annex.s.replace(/a$/, 'b')), annex.publicKey)).toBe(false)
    // Signing with the annex's k (x1 of kG) reproduces its (r, s).
    const x1 = BigInt(`0x${publicKeyOf(annex.k).slice(2, 66)}`)
    const fixed = sm2.doSignature(message, annex.privateKey, { hash: true, publicKey: annex.publicKey, userId: annex.userId, pointPool: [{ k: BigInt(`0x${annex.k}`), x1 }] })
    expect(fixed).toBe(annex.r + annex.s)
  })

  it('signs and verifies with fresh keys; a changed message or another key fails', () => {
    const pair = generateSm2KeyPair()
    const message = new TextEncoder().encode('泰政发〔2026〕14号')
    const signature = sm2Sign(message, pair.privateKey, pair.publicKey)
    expect(sm2Verify(message, signature, pair.publicKey)).toBe(true)
    expect(sm2Verify(message, signature, pair.publicKey, { cache: true })).toBe(true)
    expect(sm2Verify(new TextEncoder().encode('泰政发〔2026〕15号'), signature, pair.publicKey)).toBe(false)
    expect(sm2Verify(message, signature, generateSm2KeyPair().publicKey)).toBe(false)
    expect(sm2Verify(message, Uint8Array.of(1, 2, 3), pair.publicKey)).toBe(false)
  })

  const opensslHasSm2 = (() => {
    try {
      return execFileSync('openssl', ['ecparam', '-list_curves'], { encoding: 'utf8' }).includes('SM2')
    } catch {
      return false
    }
  })()

  it.skipIf(!opensslHasSm2)('interoperates with OpenSSL both ways (an independent SM2 implementation)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sm2-'))
    const file = (name: string) => path.join(dir, name)
    const pair = generateSm2KeyPair()
    const pem = (label: string, bytes: Uint8Array) => `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`
    const algorithm = der.sequence(der.oid('1.2.840.10045.2.1'), der.oid('1.2.156.10197.1.301'))
    const sec1 = der.sequence(der.integer(1), der.octetString(hex.to(pair.privateKey)), der.explicit(1, der.bitString(hex.to(pair.publicKey))))
    writeFileSync(file('key.pem'), pem('PRIVATE KEY', der.sequence(der.integer(0), algorithm, der.octetString(sec1))))
    writeFileSync(file('pub.pem'), pem('PUBLIC KEY', der.sequence(algorithm, der.bitString(hex.to(pair.publicKey)))))
    const message = new TextEncoder().encode('关于做好2026年冬季安全生产工作的通知')
    writeFileSync(file('msg'), message)
    const sm2Options = ['-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${SM2_USER_ID}`]

    execFileSync('openssl', ['pkeyutl', '-sign', '-in', file('msg'), '-inkey', file('key.pem'), ...sm2Options, '-out', file('openssl.sig')])
    expect(sm2Verify(message, new Uint8Array(readFileSync(file('openssl.sig'))), pair.publicKey)).toBe(true)

    writeFileSync(file('ours.sig'), sm2Sign(message, pair.privateKey, pair.publicKey))
    const verdict = execFileSync('openssl', ['pkeyutl', '-verify', '-in', file('msg'), '-pubin', '-inkey', file('pub.pem'), ...sm2Options, '-sigfile', file('ours.sig')], { encoding: 'utf8' })
    expect(verdict).toContain('Signature Verified Successfully')
  })
})
