import { db } from '@/server/core/db/index.ts'
import { recordAudit, verifyAuditChain } from '@/server/core/audit/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const POST = endpoint({ permission: 'audit.view' }, async ({ actor, context }) => {
  const verdict = await verifyAuditChain(db())
  await db().$transaction((tx) =>
    recordAudit(tx, { actor, action: 'audit.verify', outcome: verdict.isIntact ? 'SUCCESS' : 'FAILURE', details: { checked: verdict.checked }, context }),
  )
  return { verdict }
})
