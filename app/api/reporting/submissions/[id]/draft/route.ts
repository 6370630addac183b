import { db } from '@/server/core/db/index.ts'
import { saveDraft, saveSubmissionInput } from '@/server/reporting/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

export const POST = endpoint({ input: saveSubmissionInput, maxBodyBytes: 512 * 1024 }, async ({ actor, input, context, params }) => saveDraft(db(), actor, params.id!, input, context))
