/**
 * The reference Hocuspocus server, @hocuspocus/server 4.7, with its defaults (documents in memory, no
 * extensions, no auth hook). Prints `ready <port>`; SIGTERM stops it.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()
process.stdout.write(`ready ${server.address.port}\n`)
process.once('SIGTERM', () => process.exit(0))
