import { describe, expect, it } from 'vitest'
import { db } from '../db/index.ts'
import { actorFor, buildPerson, buildTree } from '../../test/factories.ts'
import type { Permission } from './permissions.ts'
import { holdsAnywhere, holdsPlatformWide, unitIdsInScope, unitScopeWhere } from './unit-scope.ts'

/** Two trees, so "everything" can be told apart from "everything in my tree". */
async function setup() {
  const tree = await buildTree()
  const other = await buildTree()
  const actorWith = async (grants: { permissions: Permission[]; unit: { id: string }; includesSubunits?: boolean }[]) =>
    actorFor(await buildPerson({ unit: tree.division, grants }))
  const inScope = async (actor: Awaited<ReturnType<typeof actorWith>>, permission: Permission) => {
    const mine = [tree, other].flatMap((t) => [t.root.id, t.dept.id, t.division.id, t.sibling.id])
    const rows = await db().unit.findMany({ where: { AND: [{ id: { in: mine } }, unitScopeWhere(actor, permission)] }, select: { id: true } })
    return new Set(rows.map((r) => r.id))
  }
  return { tree, other, actorWith, inScope }
}

describe('unitScopeWhere', () => {
  it('a grant over the root covers its whole tree and nothing of another tree', async () => {
    const { tree, other, actorWith, inScope } = await setup()
    const actor = await actorWith([{ permissions: ['mail.manage'], unit: tree.root }])
    expect(await inScope(actor, 'mail.manage')).toEqual(new Set([tree.root.id, tree.dept.id, tree.division.id, tree.sibling.id]))
    expect((await unitIdsInScope(db(), actor, 'mail.manage')).filter((id) => id === other.root.id)).toEqual([])
    expect(holdsPlatformWide(actor, 'mail.manage')).toBe(true)
  })

  it('a grant over a department covers it and its divisions, not its parent or siblings', async () => {
    const { tree, actorWith, inScope } = await setup()
    const actor = await actorWith([{ permissions: ['mail.manage'], unit: tree.dept }])
    expect(await inScope(actor, 'mail.manage')).toEqual(new Set([tree.dept.id, tree.division.id]))
    expect(holdsPlatformWide(actor, 'mail.manage')).toBe(false)
  })

  it('a grant over one unit only covers that unit', async () => {
    const { tree, actorWith, inScope } = await setup()
    const actor = await actorWith([{ permissions: ['mail.manage'], unit: tree.dept, includesSubunits: false }])
    expect(await inScope(actor, 'mail.manage')).toEqual(new Set([tree.dept.id]))
    const exactRoot = await actorWith([{ permissions: ['mail.manage'], unit: tree.root, includesSubunits: false }])
    expect(holdsPlatformWide(exactRoot, 'mail.manage')).toBe(false)
  })

  it('several grants add up; grants of other permissions do not count', async () => {
    const { tree, other, actorWith, inScope } = await setup()
    const actor = await actorWith([
      { permissions: ['mail.manage'], unit: tree.division, includesSubunits: false },
      { permissions: ['mail.manage'], unit: other.sibling },
      { permissions: ['seal.manage'], unit: tree.root },
    ])
    expect(await inScope(actor, 'mail.manage')).toEqual(new Set([tree.division.id, other.sibling.id]))
    expect(await inScope(actor, 'seal.manage')).toEqual(new Set([tree.root.id, tree.dept.id, tree.division.id, tree.sibling.id]))
  })

  it('without the permission it matches nothing', async () => {
    const { actorWith, inScope } = await setup()
    const actor = await actorWith([{ permissions: ['seal.manage'], unit: (await buildTree()).root }])
    expect(await inScope(actor, 'mail.manage')).toEqual(new Set())
    expect(await db().unit.count({ where: unitScopeWhere(actor, 'mail.manage') })).toBe(0)
    expect(await unitIdsInScope(db(), actor, 'mail.manage')).toEqual([])
    expect(holdsAnywhere(actor, 'mail.manage')).toBe(false)
    expect(holdsAnywhere(actor, 'seal.manage')).toBe(true)
  })
})
