import { db } from '@/server/core/db/index.ts'
import { AppError } from '@/server/core/errors.ts'
import { oidcPolicy, rotateSigningKey } from '@/server/oidc/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Rotates the provider's signing key (platform-wide app.review); every instance picks it up within 30 s. */
export const POST = endpoint({ permission: 'app.review' }, async ({ actor, context }) => {
  if (!oidcPolicy.mayRotateKeys(actor)) throw new AppError('forbidden')
  return rotateSigningKey(db(), actor, context)
})
