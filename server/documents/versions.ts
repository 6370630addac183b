import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createVersion, diffVersions, listVersions, renderCurrent, renderVersion, restoreVersion } from '../coediting/index.ts'
import { bodyDocName } from './kinds.ts'
import { loadDocument } from './load-document.ts'
import { documentPolicy } from './policy.ts'
import { assertNotFrozen } from './freeze.ts'

/**
 * A document body's history (版本/留痕) as its readers see it. Everyone who may see the document may
 * see its versions and compare them; only those who may edit the body now save or restore versions.
 */
export async function documentVersions(db: Db, actor: Actor, id: string) {
  await loadDocument(db, actor, id)
  return listVersions(db, bodyDocName(id))
}

export async function documentVersionHtml(db: Db, actor: Actor, id: string, versionId: string | 'current') {
  await loadDocument(db, actor, id)
  return versionId === 'current' ? renderCurrent(db, bodyDocName(id)) : renderVersion(db, bodyDocName(id), versionId)
}

export const compareInput = z.object({ from: z.uuid(), to: z.union([z.uuid(), z.literal('current')]).default('current') })

export async function compareDocumentVersions(db: Db, actor: Actor, id: string, input: z.input<typeof compareInput>) {
  const fields = compareInput.parse(input)
  await loadDocument(db, actor, id)
  return diffVersions(db, bodyDocName(id), fields.from, fields.to)
}

export const saveVersionInput = z.object({ name: z.string().trim().min(1).max(100) })

export async function saveDocumentVersion(db: Db, actor: Actor, id: string, input: z.input<typeof saveVersionInput>, context: RequestContext) {
  const fields = saveVersionInput.parse(input)
  return db.$transaction(async (tx) => {
    const { doc, standing } = await loadDocument(tx, actor, id)
    if (!documentPolicy.mayEditBody(actor, doc, standing)) throw new AppError('document.not_editable')
    const version = await createVersion(tx, { docName: bodyDocName(id), name: fields.name, kind: 'MANUAL', personId: actor.personId })
    await recordAudit(tx, { actor, action: 'document.version_save', objectType: 'Document', objectId: id, details: { version: version.number, name: fields.name }, context })
    return version
  })
}

/** Make an old version the current text, as a new change (everything stays in the history). */
export async function restoreDocumentVersion(db: Db, actor: Actor, id: string, versionId: string, context: RequestContext) {
  return db.$transaction(async (tx) => {
    const { doc, standing } = await loadDocument(tx, actor, id)
    await assertNotFrozen(tx, doc, 'body')
    if (!documentPolicy.mayEditBody(actor, doc, standing)) throw new AppError('document.not_editable')
    const version = await restoreVersion(tx, { docName: bodyDocName(id), versionId, personId: actor.personId })
    await recordAudit(tx, { actor, action: 'document.version_restore', objectType: 'Document', objectId: id, details: { from: versionId, version: version.number }, context })
    return version
  })
}
