import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { leavePolicy } from './policy.ts'
import { leaveRuleInput } from './schemas.ts'
import type { z } from 'zod'

/**
 * The office sets its organisation's leave template (the steps and from how many working days each
 * applies). Leave already asked keeps the chain it was given; new requests follow the new rule. With
 * `revision` (the office page sends the one it showed), a rule changed meanwhile is refused.
 */
export async function saveLeaveRule(db: Db, actor: Actor, input: z.input<typeof leaveRuleInput>, context: RequestContext) {
  const f = leaveRuleInput.parse(input)
  const unit = await db.unit.findUnique({ where: { id: f.unitId }, select: { id: true, path: true, name: true } })
  if (!unit || !leavePolicy.isOffice(actor, unit)) throw notFound()
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ revision: number; steps: unknown }[]>`SELECT revision, steps FROM "LeaveRule" WHERE "unitId" = ${unit.id}::uuid FOR UPDATE`
    if (f.revision !== undefined && (locked?.revision ?? null) !== f.revision) throw new AppError('leave.rule_stale')
    const row = await tx.leaveRule.upsert({ where: { unitId: unit.id }, create: { unitId: unit.id, steps: f.steps }, update: { steps: f.steps, revision: { increment: 1 } } })
    await recordAudit(tx, { actor, action: 'leave.rule_save', objectType: 'LeaveRule', objectId: unit.id, details: { unit: unit.name, steps: f.steps, before: locked?.steps ?? null }, context })
    return { unitId: unit.id, revision: row.revision }
  })
}

export async function leaveRuleOf(db: Db, unitId: string) {
  return db.leaveRule.findUnique({ where: { unitId } })
}
