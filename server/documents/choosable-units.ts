import type { Db, Prisma, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import type { WorkflowStep } from './workflow.ts'

/**
 * 承办 goes to the organisation's own units: the leader at 批办 chooses among the document's
 * organisation and the units under it (东平区人民政府's bureaus), never another organisation's. Other CHOSEN unit steps (会签 across the city's departments)
 * are not limited here; distribution reaches other organisations by exchange.
 */
export function limitsUnitsToOrgan(step: Pick<WorkflowStep, 'type'> | undefined): boolean {
  return step?.type === 'HANDLE'
}

type ForChoosing = { organ: { path: string } }

function choosableWhere(doc: ForChoosing): Prisma.UnitWhereInput {
  return { isActive: true, path: { startsWith: doc.organ.path } }
}

/** The ids of the units that may be chosen for `step`: all active ones unless the step limits them. */
export async function choosableUnitIds(db: Db | Tx, doc: ForChoosing, step: Pick<WorkflowStep, 'type'> | undefined): Promise<Set<string> | null> {
  if (!limitsUnitsToOrgan(step)) return null
  const units = await db.unit.findMany({ where: choosableWhere(doc), select: { id: true } })
  return new Set(units.map((u) => u.id))
}

/** Refuses units outside the choosable set (a hand-made request, a stale page). */
export async function assertChoosableUnits(db: Db | Tx, doc: ForChoosing, step: Pick<WorkflowStep, 'type'> | undefined, unitIds: string[]) {
  if (!limitsUnitsToOrgan(step) || unitIds.length === 0) return
  const inside = await db.unit.count({ where: { AND: [choosableWhere(doc), { id: { in: [...new Set(unitIds)] } }] } })
  if (inside !== new Set(unitIds).size) throw new AppError('document.unit_not_choosable')
}
