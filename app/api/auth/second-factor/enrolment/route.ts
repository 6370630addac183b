import QRCode from 'qrcode'
import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { beginSecondFactorEnrolment, confirmSecondFactorEnrolment } from '@/server/auth/index.ts'
import { endpoint } from '../../../../lib/api.ts'
import { sessionCookies } from '../../../../lib/cookies.ts'

/** A new secret and its QR code for the authenticator app. */
export const POST = endpoint({ access: 'second-factor', allowedWhilePasswordDue: true }, async ({ session }) => {
  const { secret, uri } = await beginSecondFactorEnrolment(db(), session!.person.id)
  return { secret, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) }
})

export const PUT = endpoint(
  { access: 'second-factor', allowedWhilePasswordDue: true, input: z.object({ code: z.string().trim().regex(/^\d{6}$/) }) },
  async ({ input, session, context }) => {
    const fresh = await confirmSecondFactorEnrolment(db(), session!.id, input.code, context)
    const headers = new Headers()
    if (fresh) for (const c of sessionCookies(fresh)) headers.append('set-cookie', c)
    return Response.json({ ok: true }, { headers })
  },
)
