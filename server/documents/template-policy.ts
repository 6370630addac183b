import { hasPermission, holdsAnywhere, holdsPlatformWide, unitIdsInScope, type Actor } from '../core/authz/index.ts'
import type { Db, Prisma, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import type { WorkflowStep } from './workflow.ts'

/** A template's unit (`null`: it applies to every unit). */
export type TemplateUnit = { id: string; path: string } | null

/**
 * Who may manage which workflow templates. A template applies to the documents of its unit and the
 * units under it, and whoever sits on its steps reads those documents: so a workflow administrator
 * manages only the templates of units their workflow.manage grant covers (templates for every unit
 * need a platform-wide grant), and names on the steps only people and units of the template's own
 * organisation (its unit's subtree). Out of scope answers as not found.
 */
export const templatePolicy = {
  /** Show the workflow admin pages at all (what they list is scoped below). */
  mayManageAny: (actor: Actor) => holdsAnywhere(actor, 'workflow.manage'),

  mayManage: (actor: Actor, unit: TemplateUnit) =>
    holdsPlatformWide(actor, 'workflow.manage') || (unit !== null && hasPermission(actor, 'workflow.manage', { unitPath: unit.path })),

  /** The templates the actor manages, as a query (lists never show or count others). */
  async manageableWhere(db: Db | Tx, actor: Actor): Promise<Prisma.WorkflowTemplateWhereInput> {
    if (holdsPlatformWide(actor, 'workflow.manage')) return {}
    return { unitId: { in: await unitIdsInScope(db, actor, 'workflow.manage') } }
  },

  /** The unit a template names, or not found (also when it is out of the actor's scope). */
  async unitInScope(db: Db | Tx, actor: Actor, unitId: string | null): Promise<TemplateUnit> {
    const unit = unitId === null ? null : await db.unit.findUnique({ where: { id: unitId }, select: { id: true, path: true } })
    if (unitId !== null && !unit) throw new AppError('not_found')
    if (!templatePolicy.mayManage(actor, unit)) throw new AppError('not_found')
    return unit
  },

  /**
   * Everyone a step names must belong to the template's organisation: a named person holds a post in
   * the template unit's subtree, a role's unit lies in it. (Otherwise a district administrator could
   * put itself on a city template and read the city's documents.)
   */
  async assertAssigneesWithin(db: Db | Tx, unit: TemplateUnit, steps: WorkflowStep[]): Promise<void> {
    for (const step of steps) {
      const rule = step.assignee
      if (rule.kind === 'PERSON') {
        const person = await db.person.findFirst({
          where: { id: rule.personId, ...(unit ? { posts: { some: { unit: { path: { startsWith: unit.path } } } } } : {}) },
          select: { id: true },
        })
        if (!person) throw new AppError('workflow.assignee_outside', { step: step.name })
      } else if (rule.kind === 'ROLE' && rule.unitId) {
        const roleUnit = await db.unit.findUnique({ where: { id: rule.unitId }, select: { path: true } })
        if (!roleUnit || (unit && !roleUnit.path.startsWith(unit.path))) throw new AppError('workflow.assignee_outside', { step: step.name })
      }
    }
  },
}
