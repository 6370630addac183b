import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { templatePolicy } from './template-policy.ts'

/** The workflow templates the actor manages (their scope's units; every unit's only platform-wide). */
export async function listTemplates(db: Db, actor: Actor) {
  if (!templatePolicy.mayManageAny(actor)) throw new AppError('forbidden')
  return db.workflowTemplate.findMany({ where: await templatePolicy.manageableWhere(db, actor), orderBy: [{ direction: 'desc' }, { createdAt: 'asc' }] })
}
