import { db } from '@/server/core/db/index.ts'
import { rankingPdf } from '@/server/supervision/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** A published ranking as a 督查通报 PDF in the official layout. */
export const GET = endpoint({}, async ({ actor, params }) => {
  const pdf = await rankingPdf(db(), actor, params.id!)
  return new Response(new Uint8Array(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="bulletin.pdf"; filename*=UTF-8''${encodeURIComponent('督查通报.pdf')}`, 'cache-control': 'private, no-store' },
  })
})
