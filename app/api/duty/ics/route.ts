import { db } from '@/server/core/db/index.ts'
import { myShiftsIcs } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** The signed-in person's own shifts as iCalendar. */
export const GET = endpoint({}, async ({ actor }) => new Response(await myShiftsIcs(db(), actor), {
  headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="duty.ics"` },
}))
