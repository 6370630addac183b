import { db } from '@/server/core/db/index.ts'
import { openDocumentThread } from '@/server/messaging/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

/** The document's thread (made on first use), for whoever may see the document. */
export const POST = endpoint({}, async ({ actor, params }) => openDocumentThread(db(), actor, params.id!))
