import type { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { isUuid } from '../core/strings.ts'
import type { RequestContext } from '../core/request-context.ts'
import { templatePolicy } from './template-policy.ts'
import { templateInput } from './template-schemas.ts'

/**
 * Create or change a template (activating and deactivating it too). Both the template as it is and
 * as it will be must be in the actor's scope, and everyone on its steps in its organisation.
 * Documents already on their way keep the steps they started with (each holds a copy), so an edit
 * only affects documents submitted afterwards.
 */
export async function saveTemplate(db: Db, actor: Actor, id: string | null, input: z.input<typeof templateInput>, context: RequestContext) {
  if (!templatePolicy.mayManageAny(actor)) throw new AppError('forbidden')
  const fields = templateInput.parse(input)
  if (id !== null && !isUuid(id)) throw new AppError('not_found')
  return db.$transaction(async (tx) => {
    if (id) {
      await tx.$queryRaw`SELECT id FROM "WorkflowTemplate" WHERE id = ${id}::uuid FOR UPDATE`
      const current = await tx.workflowTemplate.findUnique({ where: { id }, select: { unitId: true } })
      if (!current) throw new AppError('not_found')
      await templatePolicy.unitInScope(tx, actor, current.unitId)
    }
    const unit = await templatePolicy.unitInScope(tx, actor, fields.unitId)
    await templatePolicy.assertAssigneesWithin(tx, unit, fields.steps)
    const data = { ...fields, steps: fields.steps as object[] }
    const row = id
      ? await tx.workflowTemplate.update({ where: { id }, data: { ...data, version: { increment: 1 } } })
      : await tx.workflowTemplate.create({ data })
    await recordAudit(tx, { actor, action: id ? 'workflow.update' : 'workflow.create', objectType: 'WorkflowTemplate', objectId: row.id, details: { name: row.name, version: row.version, unitId: row.unitId, isActive: row.isActive, steps: fields.steps.map((s) => s.name) }, context })
    return { id: row.id, version: row.version }
  })
}
