import type { Prisma } from '../core/db/index.ts'
import { unitScopeWhere, type Actor } from '../core/authz/index.ts'

/**
 * Who sees an incident: its reporter, the duty managers of its unit, members of its unit, and the upper
 * duty office over it (duty.oversee). Nobody else — out of scope is not found.
 */
export function incidentVisibleWhere(actor: Actor, memberUnitIds: readonly string[]): Prisma.DutyIncidentWhereInput {
  return {
    OR: [
      { reporterId: actor.personId },
      { unitId: { in: [...memberUnitIds] } },
      { unit: unitScopeWhere(actor, 'duty.manage') },
      { unit: unitScopeWhere(actor, 'duty.oversee') },
    ],
  }
}
