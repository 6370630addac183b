/**
 * The background job worker as its own process (mail delivery, re-pings, …). Start the platform with
 * RUN_WORKER=0 to leave all jobs to processes like this one; any number can run side by side.
 */
import { takeStopSignals, withPlatformDatabase } from './embedded-postgres.ts'

takeStopSignals()

await withPlatformDatabase(async (url) => {
  process.env.DATABASE_URL = url
  const { allJobs } = await import('../server/platform/index.ts')
  const { startJobs, stopJobs } = await import('../server/core/jobs.ts')
  await startJobs(allJobs)
  console.log(`Job worker running (${allJobs.map((j) => j.name).join(', ')}). Ctrl-C to stop.`)
  // Started by scripts/platform.ts: tell it this process is serving.
  process.send?.('ready')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
    // Started by scripts/platform.ts: stop with it, even if it was killed.
    process.once('disconnect', resolve)
  })
  await stopJobs()
})
// The database pool and LISTEN connections would keep the process alive after stopping.
process.exit(0)
