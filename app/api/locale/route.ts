import { z } from 'zod'
import { endpoint } from '../../lib/api.ts'
import { serializeCookie } from '../../lib/cookies.ts'
import { LOCALE_COOKIE, locales } from '../../i18n/locales.ts'

export const POST = endpoint({ access: 'public', input: z.object({ locale: z.enum(locales) }) }, async ({ input }) => {
  return Response.json({ ok: true }, {
    headers: { 'set-cookie': serializeCookie(LOCALE_COOKIE, input.locale, { httpOnly: false, maxAgeSeconds: 365 * 86400 }) },
  })
})
