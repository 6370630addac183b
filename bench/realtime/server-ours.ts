/**
 * Our co-editing server (realtime/) for the bench, started as `npm run realtime` starts it: on
 * DATABASE_URL, storing every update before forwarding it, tickets signed with REALTIME_SECRET.
 * Prints `ready <port>`; SIGTERM stops it.
 */
import { db, disconnectDb } from '../../server/core/db/index.ts'
import { startRealtimeServer } from '../../realtime/index.ts'

const server = await startRealtimeServer({ db: db(), port: Number(process.env.PORT ?? 0) })
process.stdout.write(`ready ${server.port}\n`)
process.once('SIGTERM', () => {
  void server.close().then(() => disconnectDb()).finally(() => process.exit(0))
})
