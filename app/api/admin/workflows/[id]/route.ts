import { db } from '@/server/core/db/index.ts'
import { saveTemplate, templateInput } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PUT = endpoint({ permission: 'workflow.manage', input: templateInput }, ({ input, actor, context, params }) => saveTemplate(db(), actor, params.id!, input, context))
