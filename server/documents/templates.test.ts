import { describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { buildUnit } from '../test/factories.ts'
import { buildOrganisation, ctx, draftNotice, personWithActor, revisionOf } from './test-organisation.ts'
import { getDocument, getTemplate, listTemplates, saveTemplate, submitDocument } from './index.ts'
import type { WorkflowStep } from './workflow.ts'

/**
 * The city (泰和市, the root here) and a district under it (东平区, an organisation of its own), with a
 * workflow administrator for each and a template of each, plus one for every unit.
 */
async function setup() {
  const city = await buildOrganisation()
  const district = await buildUnit({ parent: city.organ, name: '东平区人民政府', organCode: `东${city.code}` })
  const districtOffice = await buildUnit({ parent: district, name: '东平区政府办公室' })
  const districtAdmin = await personWithActor('区管理员', districtOffice, { grants: [{ permissions: ['workflow.manage'], unit: district }] })
  const districtClerk = await personWithActor('区科员', districtOffice)
  const cityAdmin = await personWithActor('市管理员', city.dept, { grants: [{ permissions: ['workflow.manage'], unit: city.dept }] })
  const platformAdmin = await personWithActor('系统管理员', city.organ, { grants: [{ permissions: ['workflow.manage'], unit: city.organ }] })
  const steps = (name: string) => [{ type: 'SIGN_OFF', name, assignee: { kind: 'LEADER_IN_CHARGE' } }, { type: 'NUMBER', name: '编号登记', assignee: { kind: 'REGISTRY' }, completion: 'ANY' }]
  const template = (unitId: string | null, name: string) =>
    db().workflowTemplate.create({ data: { name, direction: 'OUTGOING', kinds: [], unitId, isActive: false, steps: steps('签发') } })
  const cityTemplate = await template(city.dept.id, '市政府办公室发文')
  const districtTemplate = await template(district.id, '东平区发文')
  const everywhere = await template(null, '通用发文（停用）')
  return { ...city, city, district, districtOffice, districtAdmin, districtClerk, cityAdmin, platformAdmin, cityTemplate, districtTemplate, everywhere, steps }
}

type Setup = Awaited<ReturnType<typeof setup>>

/** The template as the editor would send it back, with changes. */
const edited = (tpl: Setup['cityTemplate'], patch: Record<string, unknown>) => ({
  name: tpl.name, direction: tpl.direction, kinds: tpl.kinds, unitId: tpl.unitId, isActive: tpl.isActive, steps: tpl.steps as WorkflowStep[], ...patch,
})

describe('workflow templates and the administrator’s scope', () => {
  it('lists and opens only the templates of units in the administrator’s scope', async () => {
    const s = await setup()
    const ids = async (actor: Setup['districtAdmin']['actor']) => (await listTemplates(db(), actor)).map((t) => t.id)
    const districtSees = await ids(s.districtAdmin.actor)
    expect(districtSees).toContain(s.districtTemplate.id)
    expect(districtSees).not.toContain(s.cityTemplate.id)
    expect(districtSees).not.toContain(s.everywhere.id)
    const citySees = await ids(s.cityAdmin.actor)
    expect(citySees).toContain(s.cityTemplate.id)
    expect(citySees).not.toContain(s.districtTemplate.id)
    expect(citySees).not.toContain(s.everywhere.id)
    expect(await ids(s.platformAdmin.actor)).toEqual(expect.arrayContaining([s.cityTemplate.id, s.districtTemplate.id, s.everywhere.id]))

    expect((await getTemplate(db(), s.districtAdmin.actor, s.districtTemplate.id)).id).toBe(s.districtTemplate.id)
    await expectAppError(getTemplate(db(), s.districtAdmin.actor, s.cityTemplate.id), 'not_found')
    await expectAppError(getTemplate(db(), s.districtAdmin.actor, s.everywhere.id), 'not_found')
    await expectAppError(getTemplate(db(), s.districtAdmin.actor, 'not-a-uuid'), 'not_found')
    await expectAppError(listTemplates(db(), s.districtClerk.actor), 'forbidden')
  })

  it('refuses a district administrator who activates a city template with 签发 assigned to itself (not found), and the city’s drafts stay closed to it', async () => {
    const s = await setup()
    const attack = edited(s.cityTemplate, { isActive: true, steps: [{ type: 'SIGN_OFF', name: '签发', assignee: { kind: 'PERSON', personId: s.districtAdmin.id } }] })
    await expectAppError(saveTemplate(db(), s.districtAdmin.actor, s.cityTemplate.id, attack, ctx), 'not_found')
    await expectAppError(saveTemplate(db(), s.districtAdmin.actor, s.everywhere.id, edited(s.everywhere, { isActive: true }), ctx), 'not_found')
    const after = await db().workflowTemplate.findUniqueOrThrow({ where: { id: s.cityTemplate.id } })
    expect(after.isActive).toBe(false)
    expect(after.version).toBe(1)

    // Nor by a new template for the city (or for every unit) that routes the city's drafts to itself.
    for (const unitId of [s.city.organ.id, s.city.dept.id, null]) {
      await expectAppError(saveTemplate(db(), s.districtAdmin.actor, null, edited(s.cityTemplate, { unitId, isActive: true, steps: attack.steps }), ctx), 'not_found')
    }
    // Nor by moving its own template onto a city unit.
    await expectAppError(saveTemplate(db(), s.districtAdmin.actor, s.districtTemplate.id, edited(s.districtTemplate, { unitId: s.city.dept.id, isActive: true }), ctx), 'not_found')

    const { id } = await draftNotice(s.city)
    await submitDocument(db(), s.city.clerk.actor, id, { revision: await revisionOf(id) }, ctx)
    await expectAppError(getDocument(db(), s.districtAdmin.actor, id), 'not_found')
  })

  it('lets a step name only people and units within the template’s unit', async () => {
    const s = await setup()
    const person = (personId: string) => [{ type: 'SIGN_OFF', name: '签发', assignee: { kind: 'PERSON', personId } }]
    // The district's own template: its own people are fine, the city's leader is not.
    await saveTemplate(db(), s.districtAdmin.actor, s.districtTemplate.id, edited(s.districtTemplate, { isActive: true, steps: person(s.districtAdmin.id) }), ctx)
    expect((await db().workflowTemplate.findUniqueOrThrow({ where: { id: s.districtTemplate.id } })).isActive).toBe(true)
    const err = await expectAppError(saveTemplate(db(), s.districtAdmin.actor, s.districtTemplate.id, edited(s.districtTemplate, { steps: person(s.city.leader.id) }), ctx), 'workflow.assignee_outside')
    expect(err.params).toEqual({ step: '签发' })
    const roleIn = (unitId: string) => [{ type: 'REVIEW', name: '核稿', assignee: { kind: 'ROLE', roleKey: 'registry-clerk', unitId } }]
    await expectAppError(saveTemplate(db(), s.districtAdmin.actor, null, edited(s.districtTemplate, { steps: roleIn(s.city.dept.id) }), ctx), 'workflow.assignee_outside')
    await saveTemplate(db(), s.districtAdmin.actor, null, edited(s.districtTemplate, { name: '东平区办公室发文', steps: roleIn(s.districtOffice.id) }), ctx)
    // Not even the city's own administrator names a district person on a city-department template.
    await expectAppError(saveTemplate(db(), s.cityAdmin.actor, s.cityTemplate.id, edited(s.cityTemplate, { steps: person(s.districtAdmin.id) }), ctx), 'workflow.assignee_outside')
    await saveTemplate(db(), s.cityAdmin.actor, s.cityTemplate.id, edited(s.cityTemplate, { isActive: true, steps: person(s.city.head.id) }), ctx)
    // A template for every unit may name anyone, and only a platform-wide administrator makes one.
    await saveTemplate(db(), s.platformAdmin.actor, s.everywhere.id, edited(s.everywhere, { steps: person(s.districtClerk.id) }), ctx)
    await expectAppError(saveTemplate(db(), s.cityAdmin.actor, s.everywhere.id, edited(s.everywhere, { steps: person(s.city.head.id) }), ctx), 'not_found')
  })
})
