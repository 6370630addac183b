import { config } from '../core/config.ts'

/** The platform's origin and the separate origin bundled apps are served from (APPS_ORIGIN, else PUBLIC_URL's host at APPS_PORT). */
export function appOrigins(): { platform: string; apps: string } {
  const c = config()
  const platform = new URL(c.PUBLIC_URL).origin
  if (c.APPS_ORIGIN) return { platform, apps: new URL(c.APPS_ORIGIN).origin }
  const url = new URL(c.PUBLIC_URL)
  url.port = String(c.APPS_PORT)
  return { platform, apps: url.origin }
}
