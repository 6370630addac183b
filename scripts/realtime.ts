/**
 * The co-editing server as its own process (start the platform with RUN_REALTIME=0).
 *   REALTIME_PORT (default 3001), HOST, DATABASE_URL (or the platform's embedded database).
 */
import { withPlatformDatabase } from './embedded-postgres.ts'

await withPlatformDatabase(async (url) => {
  process.env.DATABASE_URL = url
  const { db } = await import('../server/core/db/index.ts')
  const { startRealtimeServer } = await import('../realtime/index.ts')
  const { documentBodyAccess } = await import('../server/documents/index.ts')
  const server = await startRealtimeServer({ db: db(), port: Number(process.env.REALTIME_PORT ?? 3001), host: process.env.HOST ?? '0.0.0.0', access: documentBodyAccess(db()) })
  console.log(`Co-editing server on ws://localhost:${server.port}. Ctrl-C to stop.`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
})
