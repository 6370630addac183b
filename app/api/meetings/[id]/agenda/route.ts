import { db } from '@/server/core/db/index.ts'
import { agendaInput, saveAgenda } from '@/server/meetings/index.ts'
import { endpoint } from '../../../../lib/api.ts'

export const PUT = endpoint({ input: agendaInput }, async ({ actor, input, context, params }) => saveAgenda(db(), actor, params.id!, input, context))
