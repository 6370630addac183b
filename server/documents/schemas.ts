import { z } from 'zod'
import { plainText, searchText } from '../core/text.ts'

const text = plainText

export const documentFields = z.object({
  kind: z.enum(['RESOLUTION', 'DECISION', 'ORDER', 'COMMUNIQUE', 'ANNOUNCEMENT', 'PUBLIC_NOTICE', 'OPINION', 'NOTICE', 'CIRCULAR', 'REPORT', 'REQUEST', 'REPLY', 'MOTION', 'LETTER', 'MINUTES']),
  title: text(200).min(1),
  mainRecipients: text(500).default(''),
  copyTo: text(500).default(''),
  urgency: z.enum(['NORMAL', 'URGENT', 'EXTRA_URGENT']).default('NORMAL'),
  marking: z.enum(['NONE', 'INTERNAL']).default('NONE'),
  isJoint: z.coerce.boolean().default(false),
  signerName: text(40).optional(),
  note: text(500).default(''),
})

export const createDocumentInput = documentFields.extend({
  /** The drafting unit: one of the drafter's own units. */
  unitId: z.uuid(),
  /** Start as a reply to an incoming document (批复, 复函). */
  replyToId: z.uuid().optional(),
  /** Start the body from a template (范文). */
  template: z.string().max(40).optional(),
})
export type CreateDocumentInput = z.input<typeof createDocumentInput>

export const updateDocumentInput = documentFields.partial().extend({
  collaboratorIds: z.array(z.uuid()).max(20).optional(),
})
export type UpdateDocumentInput = z.input<typeof updateDocumentInput>

export const listDocumentsInput = z.object({
  box: z.enum(['drafts', 'todo', 'done', 'all']).default('all'),
  q: searchText(100).optional(),
  kind: documentFields.shape.kind.optional(),
  direction: z.enum(['OUTGOING', 'INCOMING']).optional(),
  status: z.enum(['DRAFT', 'IN_PROGRESS', 'COMPLETED', 'ARCHIVED', 'CANCELLED']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
})
export type ListDocumentsInput = z.input<typeof listDocumentsInput>
