import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { recallDistribution, returnDistribution, returnInput, signForDistribution } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const actions: Record<string, ReturnType<typeof endpoint>> = {
  'sign-for': endpoint({}, ({ actor, context, params }) => signForDistribution(db(), actor, params.id!, context)),
  return: endpoint({ input: returnInput }, async ({ actor, context, params, input }) => { await returnDistribution(db(), actor, params.id!, input, context) }),
  recall: endpoint({}, async ({ actor, context, params }) => { await recallDistribution(db(), actor, params.id!, context) }),
}

const unknownAction = endpoint({}, async () => {
  throw new AppError('not_found')
})

export async function POST(request: Request, route: { params: Promise<Record<string, string>> }) {
  const handler = actions[(await route.params).action ?? '']
  return (handler ?? unknownAction)(request, route)
}
