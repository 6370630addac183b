import { db } from '@/server/core/db/index.ts'
import type { Actor } from '@/server/core/authz/index.ts'
import { documentKinds, stepTypes, templatePolicy, type WorkflowStep } from '@/server/documents/index.ts'
import { listUnitTree } from '@/server/directory/index.ts'

/**
 * What the template editor offers: kinds, step types, the units of the actor's workflow.manage scope
 * ("every unit" only platform-wide), roles, and the names of named people.
 */
export async function editorData(actor: Actor, steps: WorkflowStep[]) {
  const units: { id: string; name: string; depth: number }[] = []
  const walk = (nodes: Awaited<ReturnType<typeof listUnitTree>>) => { for (const n of nodes) { if (templatePolicy.mayManage(actor, n)) units.push({ id: n.id, name: n.name, depth: n.depth }); walk(n.children) } }
  walk(await listUnitTree(db()))
  const roles = await db().role.findMany({ select: { key: true, name: true }, orderBy: { name: 'asc' } })
  const personIds = steps.flatMap((s) => (s.assignee.kind === 'PERSON' ? [s.assignee.personId] : []))
  const people = Object.fromEntries((await db().person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  return { kinds: documentKinds as string[], stepTypes: [...stepTypes] as string[], units, mayApplyEverywhere: templatePolicy.mayManage(actor, null), roles, people }
}
