import { db } from '@/server/core/db/index.ts'
import { saveTemplate, templateInput } from '@/server/documents/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ permission: 'workflow.manage', input: templateInput }, ({ input, actor, context }) => saveTemplate(db(), actor, null, input, context))
