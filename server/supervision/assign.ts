import type { Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { createInboxItems } from '../inbox/index.ts'
import { ASSIGNMENT_OBJECT, itemUrl, recordEvent } from './timeline.ts'

/** People who answer (签收/退回) for a unit: its head(s), and its registry (document.register on the unit itself). */
export async function answerersOf(tx: Tx, unitId: string): Promise<string[]> {
  const [heads, registry] = await Promise.all([
    tx.post.findMany({ where: { unitId, leaderRank: 'PRINCIPAL', person: { isActive: true } }, select: { personId: true } }),
    tx.roleGrant.findMany({ where: { unitId, person: { isActive: true }, role: { permissions: { has: 'document.register' } } }, select: { personId: true } }),
  ])
  return [...new Set([...heads, ...registry].map((p) => p.personId))]
}

/**
 * 交办/下发: one assignment per unit (the lead unit first) and, for each unit, one 待办 to the people
 * who answer for it. Units must be active; the lead unit may not also be a co-unit.
 */
export async function assignUnits(tx: Tx, item: { id: string; title: string; deadline: Date; priority: 'NORMAL' | 'URGENT' | 'EXTRA_URGENT' }, leadUnitId: string, coUnitIds: string[], actorId: string, source: string) {
  const ids = [leadUnitId, ...new Set(coUnitIds.filter((u) => u !== leadUnitId))]
  const units = await tx.unit.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true, name: true } })
  if (units.length !== ids.length) throw new AppError('not_found')
  for (const unitId of ids) {
    const assignment = await tx.supervisionAssignment.create({ data: { itemId: item.id, unitId, role: unitId === leadUnitId ? 'LEAD' : 'CO' } })
    const people = await answerersOf(tx, unitId)
    if (people.length === 0) throw new AppError('document.unit_has_no_head', { unit: units.find((u) => u.id === unitId)!.name })
    await createInboxItems(tx, people.map((personId) => ({
      personId, kind: 'TODO', module: 'supervision', objectType: ASSIGNMENT_OBJECT, objectId: assignment.id,
      title: `签收督办：${item.title}`, source, url: itemUrl(item.id), urgency: item.priority, dueAt: item.deadline, unitId,
    })))
  }
  await tx.supervisionItem.update({ where: { id: item.id }, data: { leadUnitId } })
  await recordEvent(tx, item.id, actorId, 'ASSIGNED', { units: units.map((u) => u.name) })
}
