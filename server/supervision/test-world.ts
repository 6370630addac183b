import { db } from '../core/db/index.ts'
import { clock, days, shanghaiDate } from '../core/clock.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { answerAssignment, createItem, getItem } from './index.ts'

/** The supervision tests' world (shared by the module's test files; each file has its own database). */
export const context = buildContext()

/** A city with a supervision office, two departments with heads and owners, a leader in charge of one, and an outsider. */
export async function setup() {
  const tree = await buildTree()
  const office = await buildUnit({ parent: tree.root, name: `督查室${Math.random()}` })
  const officer = await buildPerson({ unit: office, grants: [{ permissions: ['supervision.manage'], unit: office }] })
  const headA = await buildPerson({ unit: tree.dept, leaderRank: 'PRINCIPAL' })
  const ownerA = await buildPerson({ unit: tree.division })
  const headB = await buildPerson({ unit: tree.sibling, leaderRank: 'PRINCIPAL' })
  const ownerB = await buildPerson({ unit: tree.sibling })
  const leader = await buildPerson({ unit: tree.root, leaderRank: 'DEPUTY' })
  await db().leaderCharge.create({ data: { personId: leader.id, unitId: tree.dept.id } })
  const outsider = await buildPerson({ unit: (await buildTree()).dept })
  const a = async (p: { id: string; name: string; account: string }) => actorFor(p)
  return { tree, office, officer: await a(officer), headA: await a(headA), ownerA: await a(ownerA), headB: await a(headB), ownerB: await a(ownerB), leader: await a(leader), outsider: await a(outsider), ids: { ownerA: ownerA.id, ownerB: ownerB.id } }
}

export const inDays = (n: number) => shanghaiDate(new Date(clock.now().getTime() + days(n)))

export async function assignedItem(s: Awaited<ReturnType<typeof setup>>, overrides: { deadline?: string; cycle?: 'WEEKLY' } = {}) {
  const { id } = await createItem(db(), s.officer, { title: '落实营商环境措施', deadline: overrides.deadline ?? inDays(30), leadUnitId: s.tree.dept.id, coUnitIds: [s.tree.sibling.id], cycle: overrides.cycle ?? 'FREE', indicators: [{ name: '措施', measure: '条', baseline: 0, target: 10 }] }, context)
  const item = await getItem(db(), s.headA, id)
  await answerAssignment(db(), s.headA, item.assignments.find((x) => x.role === 'LEAD')!.id, { accept: true, ownerId: s.ids.ownerA }, context)
  await answerAssignment(db(), s.headB, item.assignments.find((x) => x.role === 'CO')!.id, { accept: true, ownerId: s.ids.ownerB }, context)
  return id
}

