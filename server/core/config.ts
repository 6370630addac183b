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
  /** Trust X-Forwarded-For/-Host/-Proto from a reverse proxy in front of the platform. */
  TRUST_PROXY: z.stringbool().default(false),
  /** Requests a minute per route class (app/lib/api.ts); off only for benchmarks and tests. */
  RATE_LIMIT: z.stringbool().default(true),
  /** Sign-in, second factor, setup and other routes without a session: per client address. */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Changes (POST, PUT, PATCH, DELETE) per person; an address gets RATE_LIMIT_ADDRESS_FACTOR times as many. */
  RATE_LIMIT_MUTATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Reads (GET) per person; an address gets RATE_LIMIT_ADDRESS_FACTOR times as many. */
  RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** How many people's worth an address may send (offices share one address behind NAT). */
  RATE_LIMIT_ADDRESS_FACTOR: z.coerce.number().int().min(1).default(20),
  /** Counters held in memory at most (about 150 bytes each). */
  RATE_LIMIT_MAX_KEYS: z.coerce.number().int().min(100).default(100_000),
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
  /**
   * Hosts push subscriptions may name (comma-separated; `*.example.com` for names below a domain).
   * Unset: the browsers' push services (server/push/endpoints.ts).
   */
  PUSH_SERVICE_HOSTS: z.string().optional(),
  /** Tests only (honoured when NODE_ENV=test): the one http(s)://host:port a local push service listens on. */
  PUSH_TEST_ORIGIN: z.string().optional(),
  /** redis://host:port — several co-editing servers share live edits and cursors through it; unset: one serves alone. */
  REDIS_URL: z.string().optional(),
  /**
   * Days messages are kept, per conversation kind (DIRECT, TOPIC, UNIT, DOCUMENT), e.g.
   * `DIRECT=180,TOPIC=365`; kinds not named keep the default below. Never under 180 (等保).
   */
  MESSAGING_RETENTION_DAYS: z.string().optional(),
  /** Port of the co-editing server started with the platform. */
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** ws(s)://… where browsers reach the co-editing server, when not on the platform's host at REALTIME_PORT (behind a proxy). */
  REALTIME_PUBLIC_URL: z.string().optional(),
  /** Supervision: an item turns yellow this many days before its deadline. */
  SUPERVISION_YELLOW_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** Supervision: an urge without response escalates after this many days (owner → unit leader → leader in charge). */
  SUPERVISION_ESCALATE_DAYS: z.coerce.number().int().min(1).max(60).default(2),
  /** Supervision: the largest progress video (MB) a phone may upload, and its longest duration (seconds). */
  SUPERVISION_VIDEO_MAX_MB: z.coerce.number().int().min(1).max(200).default(30),
  SUPERVISION_VIDEO_MAX_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  /** ws(s)://… of the LiveKit server for video meetings (browsers connect there; the API is its http(s) form). Unset: no video. */
  LIVEKIT_URL: z.string().optional(),
  LIVEKIT_API_KEY: z.string().optional(),
  LIVEKIT_API_SECRET: z.string().optional(),
  /** The OpenID Connect issuer (server/oidc); unset: PUBLIC_URL + /oidc. */
  OIDC_ISSUER: z.string().optional(),
  /** Where bundled micro-apps are served from: another origin than the platform's (its own port by default). */
  APPS_ORIGIN: z.string().optional(),
  /** Port of the micro-apps origin started with the platform (when APPS_ORIGIN is not set). */
  APPS_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
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
