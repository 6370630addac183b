import { db } from '@/server/core/db/index.ts'
import { checkHealth } from '@/server/platform/index.ts'
import pkg from '../../../package.json' with { type: 'json' }

export const dynamic = 'force-dynamic'

export async function GET() {
  const health = await checkHealth(db(), pkg.version)
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503 })
}
