import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, isAppError } from '../core/errors.ts'
import { actorOf } from '../auth/index.ts'
import { signTicket, ticketSecret, type Right } from '../realtime-tickets/index.ts'
import { bodyDocName, documentIdOfBody } from './kinds.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'

/** Edit, read or nothing: what a person may do with a document's body now. */
export async function bodyRight(db: Db, actor: Actor, documentId: string): Promise<Right | null> {
  try {
    const { doc, standing } = await loadDocument(db, actor, documentId)
    return documentPolicy.mayEditBody(actor, doc, standing) ? 'edit' : 'read'
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null
    throw error
  }
}

/**
 * The co-editing server's check for `document:<id>` bodies, run at connect and every few seconds:
 * a person who leaves the route, or whose step passes, is downgraded to read or disconnected. Other
 * co-edited documents (not `document:…`) are not this module's: `undefined` leaves them to their ticket.
 */
export function documentBodyAccess(db: Db) {
  return async (docName: string, personId: string): Promise<Right | null | undefined> => {
    if (!docName.startsWith('document:')) return undefined
    const id = documentIdOfBody(docName)
    if (!id) return null
    const actor = await actorOf(db, personId)
    return actor ? bodyRight(db, actor, id) : null
  }
}

/** A ticket for the browser's editor: where to connect and with which right. */
export async function bodyTicket(db: Db, actor: Actor, documentId: string) {
  const right = await bodyRight(db, actor, documentId)
  if (!right) throw new AppError('not_found')
  const secret = await ticketSecret(db)
  const doc = bodyDocName(documentId)
  return { doc, right, ticket: signTicket(secret, { doc, personId: actor.personId, sessionId: actor.sessionId, name: actor.name, right }) }
}
