import { z } from 'zod'

/**
 * Every setting is an environment variable, documented in .env.example. None is needed for the
 * embedded default: the launcher (scripts/platform.ts) sets DATABASE_URL for the embedded database.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().default(''),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-For from a reverse proxy in front of the platform. */
  TRUST_PROXY: z.stringbool().default(false),
  /** Send cookies with Secure; on by default in production, off for plain-http localhost. */
  COOKIE_SECURE: z.stringbool().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  SIGNIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(30),
  SIGNIN_IP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  PASSWORD_HISTORY: z.coerce.number().int().min(0).default(5),
  TOTP_ISSUER: z.string().default('Xietong 协同'),
  /** The address people reach the platform at, for links in mail and push. */
  PUBLIC_URL: z.string().default('http://localhost:3000'),
  /** smtp(s)://user:pass@host:port — unset: mail is kept for the admin mail viewer, not sent. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('协同 Xietong <noreply@xietong.local>'),
  MAIL_MAX_PER_HOUR: z.coerce.number().int().min(1).default(30),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** redis://host:port — several co-editing servers share live edits and cursors through it; unset: one serves alone. */
  REDIS_URL: z.string().optional(),
  /** Port of the co-editing server started with the platform. */
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** ws(s)://… where browsers reach the co-editing server, when not on the platform's host at REALTIME_PORT (behind a proxy). */
  REALTIME_PUBLIC_URL: z.string().optional(),
})

export type Config = z.infer<typeof schema>

let cached: { env: NodeJS.ProcessEnv; snapshot: string; value: Config } | undefined

export function config(): Config {
  // Re-read when the environment changes (tests point DATABASE_URL at their own database).
  const snapshot = Object.keys(schema.shape).map((k) => process.env[k] ?? '').join('\u0000')
  if (!cached || cached.snapshot !== snapshot) {
    cached = { env: process.env, snapshot, value: schema.parse(process.env) }
  }
  return cached.value
}

export function isCookieSecure(): boolean {
  const c = config()
  return c.COOKIE_SECURE ?? c.NODE_ENV === 'production'
}
