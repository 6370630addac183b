import { z } from 'zod'
import { endpoint } from '../../lib/api.ts'
import { serializeCookie } from '../../lib/cookies.ts'
import { sameOriginPath } from '../../lib/redirects.ts'
import { LOCALE_COOKIE, locales } from '../../i18n/locales.ts'

const input = z.object({
  locale: z.enum(locales),
  /** For a plain form post (before the page's script has loaded): where to go back to. */
  back: z.string().max(500).refine((s) => sameOriginPath(s) !== null).optional(),
})

export const POST = endpoint({ access: 'public', input }, async ({ input }) => {
  const cookie = serializeCookie(LOCALE_COOKIE, input.locale, { httpOnly: false, maxAgeSeconds: 365 * 86400 })
  if (input.back) return new Response(null, { status: 303, headers: { location: sameOriginPath(input.back)!, 'set-cookie': cookie } })
  return Response.json({ ok: true }, { headers: { 'set-cookie': cookie } })
})
