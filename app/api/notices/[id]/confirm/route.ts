import { db } from '@/server/core/db/index.ts'
import { confirmNotice } from '@/server/notices/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** 确认收到: the recipient confirms the notice. */
export const POST = endpoint({}, async ({ actor, context, params }) => confirmNotice(db(), actor, params.id!, context))
