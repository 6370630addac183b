import { db } from '@/server/core/db/index.ts'
import { exportConversation } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The auditor's export of a conversation's full record (JSON download); audited. */
export const GET = endpoint({ permission: 'audit.view' }, async ({ actor, params, context }) => {
  const record = await exportConversation(db(), actor, params.id!, context)
  return new Response(JSON.stringify(record, null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="conversation-${params.id}.json"` },
  })
})
