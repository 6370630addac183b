import { db } from '@/server/core/db/index.ts'
import { listClients, registerClient, registerClientInput } from '@/server/oidc/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const GET = endpoint({ permission: 'app.manage' }, async ({ actor }) => ({ clients: await listClients(db(), actor) }))

/** Registers a client; the answer holds the secret, the only time it is shown. */
export const POST = endpoint({ permission: 'app.manage', input: registerClientInput }, async ({ input, actor, context }) => registerClient(db(), actor, input, context))
