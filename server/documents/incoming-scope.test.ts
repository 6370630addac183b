import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { buildUnit } from '../test/factories.ts'
import { buildOrganisation, ctx, personWithActor, revisionOf, stepOf } from './test-organisation.ts'
import { createIncomingDocument, registerIncomingDocument } from './index.ts'

const paper = (unitId: string) => ({ kind: 'REQUEST' as const, title: '关于申请专项资金的请示', unitId, senderOrgan: '市教育局' })

describe('registering an incoming document (收文登记) and the registry’s scope', () => {
  it('needs document.register over the organisation the document becomes part of, not just over the unit', async () => {
    const s = await buildOrganisation()
    // A department's own clerk: in scope for the department, but not the organisation's registry.
    const deptClerk = await personWithActor('办公室文书', s.dept, { grants: [{ permissions: ['document.register'], unit: s.dept }] })
    await expectAppError(createIncomingDocument(db(), deptClerk.actor, paper(s.dept.id), ctx), 'forbidden')
    expect(await db().document.count({ where: { organId: s.organ.id, createdById: deptClerk.id } })).toBe(0)

    // The organisation's registry registers for any unit of it, also with a grant on the organisation alone.
    const organOnly = await personWithActor('机要员', s.organ, { grants: [{ permissions: ['document.register'], unit: s.organ, includesSubunits: false }] })
    const { id } = await createIncomingDocument(db(), organOnly.actor, paper(s.division.id), ctx)
    await registerIncomingDocument(db(), organOnly.actor, id, { revision: await revisionOf(id) }, ctx)
    expect(await stepOf(id)).toBe('初审')
    await createIncomingDocument(db(), s.registry.actor, paper(s.finance.id), ctx)
  })

  it('gives a district’s registry its own organisation and nothing of the city above it', async () => {
    const s = await buildOrganisation()
    const district = await buildUnit({ parent: s.organ, name: '东平区人民政府', organCode: `东${s.code}` })
    const office = await buildUnit({ parent: district, name: '东平区政府办公室' })
    const registry = await personWithActor('区文书', office, { grants: [{ permissions: ['document.register'], unit: district }] })
    const { id } = await createIncomingDocument(db(), registry.actor, paper(office.id), ctx)
    expect((await db().document.findUniqueOrThrow({ where: { id } })).organId).toBe(district.id)
    await expectAppError(createIncomingDocument(db(), registry.actor, paper(s.dept.id), ctx), 'forbidden')
  })
})
