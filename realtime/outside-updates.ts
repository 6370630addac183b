import { z } from 'zod'
import type { Db } from '../server/core/db/index.ts'
import { listenOnChannel, REALTIME_UPDATE_CHANNEL, type ChannelListener } from '../server/core/events.ts'
import type { Logger } from '../server/core/logger.ts'
import type { Room } from './room.ts'

const notification = z.object({ doc: z.string().min(1), id: z.string().regex(/^\d+$/) })

/**
 * Updates written to a document outside the co-editing server (restoring a version) are stored
 * first, then announced by a NOTIFY naming the row (`notifyRealtimeUpdate`). Every instance hears it
 * itself, so what it applies here is neither stored nor published to Redis again. Documents not open
 * here are left alone: they read the row when they load.
 */
export function listenForOutsideUpdates(options: { db: Db; rooms: Map<string, Promise<Room>>; log: Logger; url?: string }): Promise<ChannelListener> {
  const { db, rooms } = options
  const log = options.log.child({ concern: 'outside-updates' })

  const apply = async (room: Room, id: bigint): Promise<void> => {
    const row = await db.realtimeUpdate.findUnique({ where: { id }, select: { docName: true, update: true } })
    // Gone: merged into a snapshot since, which is read instead.
    if (!row) return room.refresh()
    if (row.docName !== room.name) return void log.warn({ doc: room.name, id: id.toString(), storedFor: row.docName }, 'notified update belongs to another document; ignored')
    room.applyStored(row.update)
  }

  // NOTIFYs sent while the connection was away are lost: re-read every open document.
  const catchUp = async (): Promise<void> => {
    for (const [name, loading] of rooms) {
      await loading.then((room) => room.refresh()).catch((error: unknown) => log.warn({ err: error, doc: name }, 'could not re-read the document'))
    }
  }

  return listenOnChannel(
    REALTIME_UPDATE_CHANNEL,
    (payload) => {
      let parsed: z.infer<typeof notification>
      try {
        parsed = notification.parse(JSON.parse(payload))
      } catch (error) {
        return void log.warn({ err: error, payload: payload.slice(0, 200) }, 'malformed realtime update notification; ignored')
      }
      const loading = rooms.get(parsed.doc)
      if (!loading) return
      // A room still loading may or may not have read the row; applying it again changes nothing.
      loading
        .then((room) => apply(room, BigInt(parsed.id)))
        .catch((error: unknown) => log.warn({ err: error, doc: parsed.doc, id: parsed.id }, 'could not apply an update written outside'))
    },
    { url: options.url, onReconnect: () => void catchUp() },
  )
}
