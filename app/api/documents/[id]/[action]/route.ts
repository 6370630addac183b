import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { config } from '@/server/core/config.ts'
import { AppError } from '@/server/core/errors.ts'
import {
  actInput, actOnDocument, addParticipant, addParticipantInput, archiveDocument, archiveInput, bodyTicket, compareDocumentVersions, compareInput,
  distributeDocument, distributeInput, numberDocument, numberInput, previewInput, previewNextStep, registerIncomingDocument, registerInput, sendBackDocument, sendBackInput,
  submitDocument, submitInput, transferInput, transferTask, withdrawDocument,
} from '@/server/documents/index.ts'
import { endpoint } from '../../../../lib/api.ts'

const revision = z.object({ revision: z.coerce.number().int().min(0) })

/** The document's actions, one handler each; every one checks the actor against the document. */
const actions: Record<string, ReturnType<typeof endpoint>> = {
  submit: endpoint({ input: submitInput }, ({ input, actor, context, params }) => submitDocument(db(), actor, params.id!, input, context)),
  act: endpoint({ input: actInput }, ({ input, actor, context, params }) => actOnDocument(db(), actor, params.id!, input, context)),
  'send-back': endpoint({ input: sendBackInput }, ({ input, actor, context, params }) => sendBackDocument(db(), actor, params.id!, input, context)),
  withdraw: endpoint({ input: revision }, ({ input, actor, context, params }) => withdrawDocument(db(), actor, params.id!, input, context)),
  transfer: endpoint({ input: transferInput }, ({ input, actor, context, params }) => transferTask(db(), actor, params.id!, input, context)),
  'add-participant': endpoint({ input: addParticipantInput }, ({ input, actor, context, params }) => addParticipant(db(), actor, params.id!, input, context)),
  number: endpoint({ input: numberInput }, ({ input, actor, context, params }) => numberDocument(db(), actor, params.id!, input, context)),
  distribute: endpoint({ input: distributeInput }, ({ input, actor, context, params }) => distributeDocument(db(), actor, params.id!, input, context)),
  register: endpoint({ input: registerInput }, ({ input, actor, context, params }) => registerIncomingDocument(db(), actor, params.id!, input, context)),
  archive: endpoint({ input: archiveInput }, ({ input, actor, context, params }) => archiveDocument(db(), actor, params.id!, input, context)),
}

const reads: Record<string, ReturnType<typeof endpoint>> = {
  /** Where and with which right the browser's editor connects to the co-editing server. */
  'body-ticket': endpoint({}, async ({ actor, params }) => {
    const ticket = await bodyTicket(db(), actor, params.id!)
    return { ...ticket, url: config().REALTIME_PUBLIC_URL ?? null, port: config().REALTIME_PORT }
  }),
  /** What the viewer's next action will do (the confirmation dialog): next step and its people, number, recipients. */
  preview: endpoint({}, ({ actor, params, request }) => {
    const q = new URL(request.url).searchParams
    return previewNextStep(db(), actor, params.id!, previewInput.parse({ unitIds: q.get('unitIds') ?? undefined, personIds: q.get('personIds') ?? undefined, reservedNumberId: q.get('reservedNumberId') || undefined }))
  }),
  compare: endpoint({ input: compareInput }, ({ actor, params, input }) => compareDocumentVersions(db(), actor, params.id!, input)),
}

type Route = { params: Promise<Record<string, string>> }
/** An action that does not exist: not found, in the person's language, through the wrapper like any route. */
const unknownAction = endpoint({}, async () => {
  throw new AppError('not_found')
})

export async function POST(request: Request, route: Route) {
  const handler = actions[(await route.params).action ?? '']
  return (handler ?? unknownAction)(request, route)
}

export async function GET(request: Request, route: Route) {
  const handler = reads[(await route.params).action ?? '']
  return (handler ?? unknownAction)(request, route)
}
