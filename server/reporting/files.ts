import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { checkAttachment, MAX_ATTACHMENT_BYTES } from '../documents/index.ts'
import { fieldsOf } from './definition.ts'
import { loadSubmission } from './load-submission.ts'

export const MAX_REPORT_FILE_BYTES = MAX_ATTACHMENT_BYTES

/**
 * A file for an attachment field, uploaded by one of the unit's fillers while the draft is open and
 * checked like a document attachment (extension and magic bytes agree). The draft then names it
 * (`{ fileId, name }`); `getReportFile` serves it to whoever sees the submission.
 */
export async function uploadReportFile(db: Db, actor: Actor, submissionId: string, fieldKey: string, fileName: string, data: Uint8Array, context: RequestContext) {
  const s = await loadSubmission(db, actor, submissionId)
  if (!s.mayFill) throw new AppError('reporting.not_filler')
  if (!['NOT_STARTED', 'DRAFT', 'RETURNED'].includes(s.status)) throw new AppError('reporting.not_editable')
  if (!fieldsOf(s.definition).some((f) => f.key === fieldKey && f.type === 'attachment')) throw new AppError('validation', {}, [{ path: ['fieldKey'], message: 'invalid' }])
  const checked = checkAttachment(fileName, data)
  return db.$transaction(async (tx) => {
    const file = await tx.reportFile.create({ data: { submissionId, fieldKey, name: checked.fileName, contentType: checked.contentType, size: data.length, bytes: Uint8Array.from(data), uploadedById: actor.personId, createdAt: clock.now() } })
    await recordAudit(tx, { actor, action: 'reporting.file_upload', objectType: 'ReportSubmission', objectId: submissionId, details: { name: checked.fileName, size: data.length }, context })
    return { fileId: file.id, name: file.name }
  })
}

export async function getReportFile(db: Db, actor: Actor, fileId: string) {
  const file = await db.reportFile.findUnique({ where: { id: fileId } })
  if (!file) throw new AppError('not_found')
  await loadSubmission(db, actor, file.submissionId)
  return file
}
