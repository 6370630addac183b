/**
 * Electronic seal cryptography. `npm run bench:seals [-- --runs 500]`. Goals: an SM2 signature
 * (GB/T 32918, Z-value with the user ID, SM3) ≤ 5 ms, and its verification ≤ 5 ms. Medians and p90
 * after warm-up over a 400-byte message (the size of the seal's TBS_Sign), beside a reference measured
 * in the same run: Node's native ECDSA P-256 with SHA-256 (OpenSSL), so a busy machine shows in both.
 * Also timed: stamping and signing a one-page PDF, and checking a sealed PDF (extract, SM3, verify).
 * Figures are printed and written to bench/results/seals-latest.json.
 */
import { generateKeyPairSync, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { sm3Hex } from '../server/core/crypto.ts'
import { extractSignature } from '../server/seals/pdf-signature.ts'
import { stampAndSign } from '../server/seals/seal-pdf.ts'
import { decodeSignature } from '../server/seals/ses-signature.ts'
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../server/seals/sm2.ts'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 500
const WARM_UP = 20
const GOAL_MS = 5

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!
const p90 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)]!
const round = (ms: number) => Math.round(ms * 1000) / 1000

async function time(n: number, run: (i: number) => unknown | Promise<unknown>) {
  for (let i = 0; i < Math.min(WARM_UP, n); i++) await run(i)
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await run(i)
    samples.push(performance.now() - start)
  }
  return { median: round(median(samples)), p90: round(p90(samples)) }
}

const messages = Array.from({ length: 64 }, () => new Uint8Array(randomBytes(400)))
const pair = generateSm2KeyPair()
const signatures = messages.map((m) => sm2Sign(m, pair.privateKey, pair.publicKey))
if (!signatures.every((s, i) => sm2Verify(messages[i]!, s, pair.publicKey))) throw new Error('SM2 self-check failed')

const ecdsa = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
const ecdsaSignatures = messages.map((m) => nodeSign('sha256', m, ecdsa.privateKey))

const results = {
  runs,
  sm2Sign: await time(runs, (i) => sm2Sign(messages[i % messages.length]!, pair.privateKey, pair.publicKey)),
  sm2Verify: await time(runs, (i) => sm2Verify(messages[i % messages.length]!, signatures[i % messages.length]!, pair.publicKey)),
  /** What verifySealedPdf does for a registered seal: its key's precomputed table is kept. */
  sm2VerifyRegisteredKey: await time(runs, (i) => sm2Verify(messages[i % messages.length]!, signatures[i % messages.length]!, pair.publicKey, { cache: true })),
  referenceEcdsaP256Sign: await time(runs, (i) => nodeSign('sha256', messages[i % messages.length]!, ecdsa.privateKey)),
  referenceEcdsaP256Verify: await time(runs, (i) => nodeVerify('sha256', messages[i % messages.length]!, ecdsa.publicKey, ecdsaSignatures[i % messages.length]!)),
  pdf: {} as Record<string, unknown>,
}

// A one-page document with the seal drawn (glyph outlines) and signed; then checked as an upload would be.
const doc = await PDFDocument.create()
const page = doc.addPage([595.28, 841.89])
page.drawText('Taihe Municipal Government Office', { x: 300, y: 200, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) })
const plain = await doc.save()
const seal = { id: '0190f0f0-0000-7000-8000-000000000000', name: '泰和市人民政府办公室公文专用章', unitName: '泰和市人民政府办公室', image: null, ...pair }
const stampRuns = Math.max(10, Math.floor(runs / 20))
let sealed: Uint8Array = new Uint8Array()
results.pdf.stampAndSign = await time(stampRuns, async () => {
  sealed = (await stampAndSign({ pdf: plain, anchor: { page: 0, x: 400, y: 205, diameterPt: 119 }, seal, signer: { id: 'bench', name: '赵文书' }, signedAt: new Date(), propertyInfo: 'document:bench' })).pdf
})
results.pdf.check = await time(stampRuns * 5, () => {
  const extracted = extractSignature(sealed)
  if (!extracted.ok) throw new Error(extracted.reason)
  const decoded = decodeSignature(extracted.signature)
  if (sm3Hex(Buffer.from(extracted.content)) !== decoded.documentHash || !sm2Verify(decoded.toSign, decoded.signature, pair.publicKey, { cache: true })) throw new Error('sealed PDF does not verify')
})
results.pdf.sealedBytes = sealed.length

const verdict = (ms: number) => (ms <= GOAL_MS ? 'PASS' : 'FAIL')
console.log(`SM2 seal cryptography, ${runs} runs each (median / p90, ms)`)
console.log(`  SM2 sign                        ${results.sm2Sign.median} / ${results.sm2Sign.p90}   goal ≤ ${GOAL_MS} ms: ${verdict(results.sm2Sign.median)}`)
console.log(`  SM2 verify (any key)            ${results.sm2Verify.median} / ${results.sm2Verify.p90}   goal ≤ ${GOAL_MS} ms: ${verdict(results.sm2Verify.median)}`)
console.log(`  SM2 verify (registered seal)    ${results.sm2VerifyRegisteredKey.median} / ${results.sm2VerifyRegisteredKey.p90}   goal ≤ ${GOAL_MS} ms: ${verdict(results.sm2VerifyRegisteredKey.median)}`)
console.log(`  reference: ECDSA P-256 sign     ${results.referenceEcdsaP256Sign.median} / ${results.referenceEcdsaP256Sign.p90}   (native OpenSSL)`)
console.log(`  reference: ECDSA P-256 verify   ${results.referenceEcdsaP256Verify.median} / ${results.referenceEcdsaP256Verify.p90}`)
console.log(`  stamp + sign a one-page PDF     ${(results.pdf.stampAndSign as { median: number }).median} / ${(results.pdf.stampAndSign as { p90: number }).p90}   (${stampRuns} runs, ${results.pdf.sealedBytes} bytes)`)
console.log(`  check a sealed PDF              ${(results.pdf.check as { median: number }).median} / ${(results.pdf.check as { p90: number }).p90}`)
const dir = path.join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
writeFileSync(path.join(dir, 'seals-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), goalMs: GOAL_MS, ...results }, null, 2)}\n`)
if (results.sm2Sign.median > GOAL_MS || results.sm2VerifyRegisteredKey.median > GOAL_MS) process.exitCode = 1
