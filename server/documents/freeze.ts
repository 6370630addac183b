import type { Db, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'

/**
 * What a document's signatures cover (定稿). 签发: the leader signed this text and these files, so the
 * body and attachments are frozen. 用印: the seal covers the rendered document — title, number, body,
 * attachments, recipients — so nothing of it changes any more, nor does the route go back; a change
 * after that is a new document or a correction (更正) with its own record.
 */
export type Freeze = 'open' | 'signed' | 'sealed'

/** What an operation would change. */
export type Covered = 'body' | 'attachments' | 'fields' | 'number' | 'route'

/** Frozen from sign-off on: the text and files the leader signed, and the fields shown with them. */
const fromSignOff = new Set<Covered>(['body', 'attachments', 'fields'])

/** Incoming documents are never signed off here: their freeze is the sender's. */
export const isSignedOff = (doc: { direction?: string; signedOffAt: Date | null }) => doc.direction !== 'INCOMING' && !!doc.signedOffAt

export async function freezeOf(db: Db | Tx, doc: { id: string; direction?: string; signedOffAt: Date | null }): Promise<Freeze> {
  // Sealing needs the sign-off, and a sealed document never goes back (which would void it): no sign-off, no seal.
  if (doc.direction === 'INCOMING' || !doc.signedOffAt) return 'open'
  const sealed = await db.documentRendition.count({ where: { documentId: doc.id, kind: 'SEALED' } })
  return sealed > 0 ? 'sealed' : doc.signedOffAt ? 'signed' : 'open'
}

/** Refuse a change the document's signatures cover, saying which signature and what to do instead. */
export async function assertNotFrozen(db: Db | Tx, doc: { id: string; direction?: string; signedOffAt: Date | null }, what: Covered) {
  const freeze = await freezeOf(db, doc)
  if (freeze === 'sealed') throw new AppError('document.frozen_sealed')
  if (freeze === 'signed' && fromSignOff.has(what)) throw new AppError(what === 'attachments' ? 'document.frozen_attachments' : what === 'body' ? 'document.frozen_body' : 'document.frozen_signed')
}
