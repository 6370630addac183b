import { db } from '@/server/core/db/index.ts'
import { vapidKeys } from '@/server/push/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** The VAPID public key browsers subscribe with. */
export const GET = endpoint({}, async () => ({ publicKey: (await vapidKeys(db())).publicKey }))
