import { hasPermission, holdsAnywhere, unitIdsInScope, unitScopeWhere, type Actor } from '../core/authz/index.ts'
import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import type { WorkflowStep } from './workflow.ts'
import { isSignedOff } from './freeze.ts'

/** What the rules below read of a document. */
export type DocumentForPolicy = {
  status: 'DRAFT' | 'IN_PROGRESS' | 'COMPLETED' | 'ARCHIVED' | 'CANCELLED'
  direction?: 'OUTGOING' | 'INCOMING'
  /** Set at 签发: from then on the body and attachments are final (`freeze.ts`). */
  signedOffAt?: Date | null
  createdById: string
  collaboratorIds: string[]
  organ: { path: string }
  stepIndex: number | null
  workflow: unknown
  tasks: { id: string; assigneeId: string; actedById: string | null; status: string; stepIndex: number; unitId?: string | null }[]
  readers: { personId: string }[]
  /** Set on an incoming document that arrived by distribution (签收): its body and files are the sender's. */
  arrivedByDistributionId?: string | null
}

/** The people who have delegated their document steps to the actor right now (委托). */
export type Standing = { delegators: string[] }

/** What `visibleScope` found: the actor, their registry's organisations, the documents they are on. */
export type VisibleScope = { personId: string; organIds: string[]; documentIds: string[] }

const currentStep = (doc: DocumentForPolicy): WorkflowStep | null =>
  doc.stepIndex === null ? null : ((doc.workflow as WorkflowStep[] | null)?.[doc.stepIndex] ?? null)

export const documentPolicy = {
  /** Registry staff (文书/机要) of an organisation: number, distribute, register and archive its documents. */
  isRegistry: (actor: Actor, organ: { path: string }) => hasPermission(actor, 'document.register', { unitPath: organ.path }),

  /** Registry staff whose scope covers a unit documents are distributed to: they sign for them (签收). */
  isRecipientRegistry: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'document.register', { unitPath: unit.path }),

  /** Show the registry's entries (numbers, 收文登记, 待签收) at all; what they list is scoped below. */
  isRegistryAnywhere: (actor: Actor) => holdsAnywhere(actor, 'document.register'),

  /** The units the actor is registry staff of, as a query. */
  registryUnitsWhere: (actor: Actor) => unitScopeWhere(actor, 'document.register'),

  /**
   * A document is visible to its drafter and co-drafters, to everyone on its route (who acted, must act,
   * or stands in for someone who must), to its organisation's registry staff, and to those it was
   * circulated to. Nobody else learns it exists.
   */
  maySee(actor: Actor, doc: DocumentForPolicy, standing: Standing): boolean {
    const me = actor.personId
    return doc.createdById === me || doc.collaboratorIds.includes(me) ||
      doc.tasks.some((t) => t.assigneeId === me || t.actedById === me || (t.status === 'PENDING' && standing.delegators.includes(t.assigneeId))) ||
      doc.readers.some((r) => r.personId === me) ||
      documentPolicy.isRegistry(actor, doc.organ)
  },

  /** A received document is kept as it came: nobody edits its body or its files (opinions are the registry's own). */
  isReceived: (doc: DocumentForPolicy) => !!doc.arrivedByDistributionId,

  mayEditDraft: (actor: Actor, doc: DocumentForPolicy) =>
    doc.status === 'DRAFT' && (doc.createdById === actor.personId || doc.collaboratorIds.includes(actor.personId)),

  /** Only the drafter submits, invites co-drafters or abandons a draft. */
  mayManageDraft: (actor: Actor, doc: DocumentForPolicy) => doc.status === 'DRAFT' && doc.createdById === actor.personId,

  /** The pending tasks of the current step the actor may act on: their own, or a delegator's. */
  actionableTasks(actor: Actor, doc: DocumentForPolicy, standing: Standing) {
    if (doc.status !== 'IN_PROGRESS') return []
    return doc.tasks.filter((t) => t.status === 'PENDING' && t.stepIndex === doc.stepIndex &&
      (t.assigneeId === actor.personId || standing.delegators.includes(t.assigneeId)))
  },

  /**
   * The body may be edited while drafting (drafters) and at steps that edit it (their participants),
   * never after 签发: the signed text is final (co-editing tickets become read-only).
   */
  mayEditBody(actor: Actor, doc: DocumentForPolicy, standing: Standing): boolean {
    if (documentPolicy.isReceived(doc)) return false
    if (isSignedOff({ direction: doc.direction, signedOffAt: doc.signedOffAt ?? null })) return false
    if (documentPolicy.mayEditDraft(actor, doc)) return true
    return !!currentStep(doc)?.editsBody && documentPolicy.actionableTasks(actor, doc, standing).length > 0
  },

  /**
   * Attachments (附件): drafters add and remove them while drafting; the registry until archiving —
   * of an outgoing document only until 签发 (they are signed with the body); nobody on a received document.
   */
  mayManageAttachments: (actor: Actor, doc: DocumentForPolicy) =>
    !documentPolicy.isReceived(doc) && !isSignedOff({ direction: doc.direction, signedOffAt: doc.signedOffAt ?? null }) &&
    (documentPolicy.mayEditDraft(actor, doc) ||
    (['DRAFT', 'IN_PROGRESS', 'COMPLETED'].includes(doc.status) && documentPolicy.isRegistry(actor, doc.organ))),

  /** 催办: the drafter, the registry, or whoever sent the document to its current step (`moverId`). */
  mayUrge: (actor: Actor, doc: DocumentForPolicy, moverId: string | null) =>
    doc.status === 'IN_PROGRESS' &&
    (doc.createdById === actor.personId || moverId === actor.personId || documentPolicy.isRegistry(actor, doc.organ)),

  /**
   * The same rule as `maySee`, for lists and search, so nothing invisible is ever counted. In two
   * parts, because one `OR` across related tables defeats every index (a search took seconds over
   * 100,000 documents): first the organisations whose registry the actor is and the documents the
   * actor is on, each found through an index; then `visibleSql`, a condition on the document row
   * alone that PostgreSQL combines with the search index (BitmapOr, BitmapAnd).
   */
  async visibleScope(db: Db | Tx, actor: Actor, standing: Standing): Promise<VisibleScope> {
    const me = actor.personId
    const [organIds, documents] = await Promise.all([
      unitIdsInScope(db, actor, 'document.register'),
      db.$queryRaw<{ id: string }[]>`
        SELECT "documentId" AS id FROM "DocumentTask" WHERE "assigneeId" = ${me}::uuid OR "actedById" = ${me}::uuid
        UNION SELECT "documentId" FROM "DocumentTask" WHERE status = 'PENDING' AND "assigneeId" = ANY(${standing.delegators}::uuid[])
        UNION SELECT "documentId" FROM "DocumentReader" WHERE "personId" = ${me}::uuid
        UNION SELECT id FROM "Document" WHERE "collaboratorIds" @> ARRAY[${me}::uuid]`,
    ])
    return { personId: me, organIds, documentIds: documents.map((d) => d.id) }
  },

  /** The visible documents as a condition on `"Document" d` (drafter, registry's organisations, the rest by id). */
  visibleSql: (scope: VisibleScope): Prisma.Sql =>
    Prisma.sql`(d."createdById" = ${scope.personId}::uuid OR d."organId" = ANY(${scope.organIds}::uuid[]) OR d.id = ANY(${scope.documentIds}::uuid[]))`,
}
