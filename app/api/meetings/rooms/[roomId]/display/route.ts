import { db } from '@/server/core/db/index.ts'
import { roomDisplay } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The room screen's current title, QR and code (fetched again when the 30-second step turns). */
export const GET = endpoint({}, async ({ actor, params }) => roomDisplay(db(), actor, params.roomId!))
