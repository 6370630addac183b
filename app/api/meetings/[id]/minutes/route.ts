import { db } from '@/server/core/db/index.ts'
import { config } from '@/server/core/config.ts'
import { minutesTicket, startMinutes } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** Where and with which right the meeting page's minutes editor connects to the co-editing server. */
export const GET = endpoint({}, async ({ actor, params }) => {
  const ticket = await minutesTicket(db(), actor, params.id!)
  return { ...ticket, url: config().REALTIME_PUBLIC_URL ?? null, port: config().REALTIME_PORT }
})

/** Start the minutes (纪要) on the meeting page, prefilled from the meeting; a second start changes nothing. */
export const POST = endpoint({}, async ({ actor, params, context }) => startMinutes(db(), actor, params.id!, context))
