import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'
import { templatePolicy } from './template-policy.ts'

/** One template the actor manages; out of scope and missing both answer not found. */
export async function getTemplate(db: Db, actor: Actor, id: string) {
  if (!templatePolicy.mayManageAny(actor)) throw new AppError('forbidden')
  if (!isUuid(id)) throw new AppError('not_found')
  const row = await db.workflowTemplate.findFirst({ where: { AND: [{ id }, await templatePolicy.manageableWhere(db, actor)] } })
  if (!row) throw new AppError('not_found')
  return row
}
