import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { rotateClientSecret } from '@/server/oidc/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** A new secret (shown once in the answer); the old one stops working at once. */
export const POST = endpoint({ permission: 'app.manage', input: z.object({ revision: z.number().int().min(0) }) }, async ({ input, actor, context, params }) =>
  rotateClientSecret(db(), actor, params.id!, input.revision, context))
