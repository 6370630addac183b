import { db } from '@/server/core/db/index.ts'
import { editAssignment, editAssignmentInput } from '@/server/duty/index.ts'
import { endpoint } from '../../../../lib/api.ts'
import { afterDutyChange } from '../../push.ts'

/** The duty manager changes a cell by hand (locked, so a re-run keeps it); conflicts come back. */
export const PATCH = endpoint({ permission: 'duty.manage', input: editAssignmentInput }, async ({ actor, input, params, context }) => {
  const result = await editAssignment(db(), actor, params.id!, input, context)
  await afterDutyChange(result.push)
  return result
})
