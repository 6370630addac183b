import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { officeUnitOf, reportPolicy, reportViewerOf } from './policy.ts'
import { saveTemplateInput, type SaveTemplateInput } from './schemas.ts'

/**
 * Build a template (填报模板) or change one. Every save is a new version: stored versions never change,
 * so collections under way keep the fields they were sent with. The template row is locked and its
 * revision checked, so two editors cannot both make "version 3".
 */
export async function saveTemplate(db: Db, actor: Actor, input: SaveTemplateInput, context: RequestContext) {
  const f = saveTemplateInput.parse(input)
  const viewer = await reportViewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    if (!f.templateId) {
      const ownerUnitId = officeUnitOf(actor)
      if (!ownerUnitId || !reportPolicy.isCollector(actor)) throw new AppError('forbidden')
      const t = await tx.reportTemplate.create({ data: { ownerUnitId, name: f.name, createdById: actor.personId, createdAt: now } })
      const v = await tx.reportTemplateVersion.create({ data: { templateId: t.id, version: 1, definition: f.definition, createdById: actor.personId, createdAt: now } })
      await recordAudit(tx, { actor, action: 'reporting.template_create', objectType: 'ReportTemplate', objectId: t.id, details: { name: f.name }, context })
      return { templateId: t.id, versionId: v.id, version: 1, revision: 0 }
    }
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ReportTemplate" WHERE id = ${f.templateId}::uuid FOR UPDATE`
    const t = locked ? await tx.reportTemplate.findUnique({ where: { id: f.templateId } }) : null
    if (!t || !reportPolicy.isOffice(viewer, t)) throw new AppError('not_found')
    if (f.revision !== undefined && f.revision !== t.revision) throw new AppError('reporting.stale')
    const version = t.latestVersion + 1
    const v = await tx.reportTemplateVersion.create({ data: { templateId: t.id, version, definition: f.definition, createdById: actor.personId, createdAt: now } })
    const updated = await tx.reportTemplate.update({ where: { id: t.id }, data: { name: f.name, latestVersion: version, revision: { increment: 1 } } })
    await recordAudit(tx, { actor, action: 'reporting.template_version', objectType: 'ReportTemplate', objectId: t.id, details: { version }, context })
    return { templateId: t.id, versionId: v.id, version, revision: updated.revision }
  })
}
