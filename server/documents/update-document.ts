import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { refreshSearchText } from './engine.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { assertNotFrozen } from './freeze.ts'
import { updateDocumentInput, type UpdateDocumentInput } from './schemas.ts'

/** Change a draft's metadata (drafters) or its co-drafters (the drafter only). */
export async function updateDocument(db: Db, actor: Actor, id: string, input: UpdateDocumentInput, context: RequestContext) {
  const { collaboratorIds, ...fields } = updateDocumentInput.parse(input)
  return db.$transaction(async (tx) => {
    const { doc } = await loadDocument(tx, actor, id, { forUpdate: true })
    await assertNotFrozen(tx, doc, 'fields')
    if (!documentPolicy.mayEditDraft(actor, doc)) throw new AppError('document.not_editable')
    if (collaboratorIds && !documentPolicy.mayManageDraft(actor, doc)) throw new AppError('forbidden')
    if (collaboratorIds?.length) {
      const found = await tx.person.count({ where: { id: { in: collaboratorIds }, isActive: true } })
      if (found !== new Set(collaboratorIds).size) throw new AppError('not_found')
    }
    await tx.document.update({
      where: { id },
      data: { ...fields, ...(collaboratorIds ? { collaboratorIds: [...new Set(collaboratorIds.filter((p) => p !== doc.createdById))] } : {}) },
    })
    if (fields.title) await refreshSearchText(tx, id)
    await recordAudit(tx, { actor, action: 'document.update', objectType: 'Document', objectId: id, details: { fields: Object.keys(fields), collaboratorIds }, context })
  })
}
