import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { hasPermission } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { documentFields } from './schemas.ts'
import { defaultTemplates, workflowSteps } from './workflow.ts'

/** A fresh platform gets the standard outgoing and incoming templates (once). */
export async function ensureDefaultTemplates(db: Db) {
  if ((await db.workflowTemplate.count()) > 0) return
  await db.workflowTemplate.createMany({
    data: defaultTemplates.map((t) => ({ name: t.name, direction: t.direction, kinds: [], steps: workflowSteps.parse(t.steps) as object[] })),
  })
}

export const templateInput = z.object({
  name: z.string().trim().min(1).max(60),
  direction: z.enum(['OUTGOING', 'INCOMING']),
  kinds: z.array(documentFields.shape.kind).max(15).default([]),
  unitId: z.uuid().nullable().default(null),
  steps: workflowSteps,
  isActive: z.boolean().default(true),
})

const mayManage = (actor: Actor) => hasPermission(actor, 'workflow.manage')

export async function listTemplates(db: Db, actor: Actor) {
  if (!mayManage(actor)) throw new AppError('forbidden')
  return db.workflowTemplate.findMany({ orderBy: [{ direction: 'desc' }, { createdAt: 'asc' }] })
}

export async function getTemplate(db: Db, actor: Actor, id: string) {
  if (!mayManage(actor)) throw new AppError('forbidden')
  const row = await db.workflowTemplate.findUnique({ where: { id } })
  if (!row) throw new AppError('not_found')
  return row
}

/**
 * Create or change a template. Documents already on their way keep the steps they started with
 * (each holds a copy), so an edit only affects documents submitted afterwards.
 */
export async function saveTemplate(db: Db, actor: Actor, id: string | null, input: z.input<typeof templateInput>, context: RequestContext) {
  if (!mayManage(actor)) throw new AppError('forbidden')
  const fields = templateInput.parse(input)
  return db.$transaction(async (tx) => {
    const row = id
      ? await tx.workflowTemplate.update({ where: { id }, data: { ...fields, steps: fields.steps as object[], version: { increment: 1 } } }).catch(() => { throw new AppError('not_found') })
      : await tx.workflowTemplate.create({ data: { ...fields, steps: fields.steps as object[] } })
    await recordAudit(tx, { actor, action: id ? 'workflow.update' : 'workflow.create', objectType: 'WorkflowTemplate', objectId: row.id, details: { name: row.name, version: row.version, steps: fields.steps.map((s) => s.name) }, context })
    return { id: row.id, version: row.version }
  })
}
