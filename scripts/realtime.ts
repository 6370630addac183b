/**
 * The co-editing server as its own process (start the platform with RUN_REALTIME=0).
 *   REALTIME_PORT (default 3001), HOST, DATABASE_URL (or the platform's embedded database).
 */
import { takeStopSignals, withPlatformDatabase } from './embedded-postgres.ts'

takeStopSignals()

await withPlatformDatabase(async (url) => {
  process.env.DATABASE_URL = url
  const { db } = await import('../server/core/db/index.ts')
  const { startRealtimeServer } = await import('../realtime/index.ts')
  const { coeditingAccess } = await import('../server/platform/index.ts')
  const server = await startRealtimeServer({ db: db(), port: Number(process.env.REALTIME_PORT ?? 3001), host: process.env.HOST ?? '0.0.0.0', access: coeditingAccess(db()) })
  console.log(`Co-editing server on ws://localhost:${server.port}. Ctrl-C to stop.`)
  // Started by scripts/platform.ts: tell it this process is serving.
  process.send?.('ready')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
    // Started by scripts/platform.ts: stop with it, even if it was killed.
    process.once('disconnect', resolve)
  })
  await server.close()
})
// The database pool and LISTEN connections would keep the process alive after stopping.
process.exit(0)
