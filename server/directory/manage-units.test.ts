import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { actorFor, buildContext, buildPerson, buildTree, buildUnit } from '../test/factories.ts'
import { createUnit, moveUnit, setUnitActive, updateUnit } from './index.ts'

const fields = { name: '新单位', shortName: '新', kind: 'DIVISION' as const, sortOrder: 0 }


describe('unit management', () => {
  it('creates, edits and moves units with their subtrees, auditing each change', async () => {
    const { root, dept, division, sibling } = await buildTree()
    const admin = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['unit.manage'], unit: root }] }))
    const child = await createUnit(db(), admin, division.id, fields, buildContext())
    expect(child).toMatchObject({ parentId: division.id, path: `${division.path}${child.id}/`, depth: 3 })
    await updateUnit(db(), admin, child.id, { ...fields, name: '改名单位', organCode: '泰改' }, buildContext())

    await moveUnit(db(), admin, division.id, sibling.id, buildContext())
    const moved = await db().unit.findUniqueOrThrow({ where: { id: child.id } })
    expect(moved.path).toBe(`${sibling.path}${division.id}/${child.id}/`)
    expect(moved).toMatchObject({ depth: 3, name: '改名单位', organCode: '泰改' })
    expect((await db().unit.findUniqueOrThrow({ where: { id: division.id } })).parentId).toBe(sibling.id)
    const actions = (await db().auditEvent.findMany({ where: { actorId: admin.personId }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['unit.create', 'unit.update', 'unit.move'])
    // The division and the unit under it left the department's subtree; the department kept its own place.
    expect(await db().unit.findMany({ where: { path: { startsWith: dept.path } }, select: { id: true } })).toEqual([{ id: dept.id }])
    // 机关代字 stay unique: a second unit cannot take one already in use.
    await expectAppError(createUnit(db(), admin, sibling.id, { ...fields, organCode: '泰改' }, buildContext()), 'directory.organ_code_taken')
    await expectAppError(updateUnit(db(), admin, division.id, { ...fields, organCode: '泰改' }, buildContext()), 'directory.organ_code_taken')
    await updateUnit(db(), admin, child.id, { ...fields, name: '改名单位', organCode: '泰改' }, buildContext())
  })

  it('refuses cycles, moving the root, and deactivating a unit that still has members', async () => {
    const { root, dept, division } = await buildTree()
    const admin = await actorFor(await buildPerson({ unit: root, grants: [{ permissions: ['unit.manage'], unit: root }] }))
    await expectAppError(moveUnit(db(), admin, dept.id, division.id, buildContext()), 'directory.unit_cycle')
    await expectAppError(moveUnit(db(), admin, dept.id, dept.id, buildContext()), 'directory.unit_cycle')
    await expectAppError(moveUnit(db(), admin, root.id, dept.id, buildContext()), 'directory.root_unit')
    await buildPerson({ unit: division })
    await expectAppError(setUnitActive(db(), admin, division.id, false, buildContext()), 'directory.unit_has_active_members')
    await expectAppError(setUnitActive(db(), admin, dept.id, false, buildContext()), 'directory.unit_has_active_members')
    const empty = await buildUnit({ parent: dept })
    expect((await setUnitActive(db(), admin, empty.id, false, buildContext())).isActive).toBe(false)
  })

  it('lets a scoped administrator act only inside their scope', async () => {
    const { root, dept, division, sibling } = await buildTree()
    const deptAdmin = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['unit.manage'], unit: dept }] }))
    await createUnit(db(), deptAdmin, division.id, fields, buildContext())
    await expectAppError(createUnit(db(), deptAdmin, sibling.id, fields, buildContext()), 'forbidden')
    await expectAppError(updateUnit(db(), deptAdmin, root.id, fields, buildContext()), 'forbidden')
    // Moving out of one's scope is refused too: the new parent must be in scope.
    await expectAppError(moveUnit(db(), deptAdmin, division.id, sibling.id, buildContext()), 'forbidden')
    // Without includesSubunits the grant covers the unit itself only.
    const narrow = await actorFor(await buildPerson({ unit: dept, grants: [{ permissions: ['unit.manage'], unit: dept, includesSubunits: false }] }))
    await expectAppError(updateUnit(db(), narrow, division.id, fields, buildContext()), 'forbidden')
    await updateUnit(db(), narrow, dept.id, { ...fields, kind: 'DEPARTMENT' }, buildContext())
    // A clerk with no grant gets nothing, and an unknown id is "not found", never someone else's row.
    const clerk = await actorFor(await buildPerson({ unit: dept }))
    await expectAppError(createUnit(db(), clerk, dept.id, fields, buildContext()), 'forbidden')
    await expectAppError(updateUnit(db(), deptAdmin, '01900000-0000-7000-8000-000000000000', fields, buildContext()), 'not_found')
  })
})
