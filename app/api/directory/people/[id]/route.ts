import { db } from '@/server/core/db/index.ts'
import { getPerson } from '@/server/directory/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** A person's directory card (no credentials): readable by every signed-in person. */
export const GET = endpoint({}, async ({ params }) => {
  const { id, account, name, namePinyin, phone, email, isActive, posts, leaderCharges } = await getPerson(db(), params.id!)
  return { person: { id, account, name, namePinyin, phone, email, isActive, posts, leaderCharges } }
})
