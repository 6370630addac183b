import { db } from '@/server/core/db/index.ts'
import { recallDistribution, signForDistribution } from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const actions: Record<string, ReturnType<typeof endpoint>> = {
  'sign-for': endpoint({}, ({ actor, context, params }) => signForDistribution(db(), actor, params.id!, context)),
  recall: endpoint({}, async ({ actor, context, params }) => { await recallDistribution(db(), actor, params.id!, context) }),
}

export async function POST(request: Request, route: { params: Promise<Record<string, string>> }) {
  const handler = actions[(await route.params).action ?? '']
  return handler ? handler(request, route) : Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 })
}
