import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts', 'realtime/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each test file gets its own database, cloned from a migrated template (test/setup-database.ts),
    // so files run in parallel without seeing each other's rows.
    setupFiles: ['test/setup-database.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The wrapper's rate limit is off for tests (a file signs in many times from one address); app/lib/api.test.ts turns it on.
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT: 'false' },
    reporters: process.env.CI ? ['default', ['json', { outputFile: process.env.VITEST_REPORT ?? 'reports/vitest.json' }]] : ['default'],
  },
})
