import { hasPermission, type Actor } from '../core/authz/index.ts'
import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import type { WorkflowStep } from './workflow.ts'

/** What the rules below read of a document. */
export type DocumentForPolicy = {
  status: 'DRAFT' | 'IN_PROGRESS' | 'COMPLETED' | 'ARCHIVED' | 'CANCELLED'
  createdById: string
  collaboratorIds: string[]
  organ: { path: string }
  stepIndex: number | null
  workflow: unknown
  tasks: { id: string; assigneeId: string; actedById: string | null; status: string; stepIndex: number; unitId?: string | null }[]
  readers: { personId: string }[]
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

  /** The body may be edited while drafting (drafters) and at steps that edit it (their participants). */
  mayEditBody(actor: Actor, doc: DocumentForPolicy, standing: Standing): boolean {
    if (documentPolicy.mayEditDraft(actor, doc)) return true
    return !!currentStep(doc)?.editsBody && documentPolicy.actionableTasks(actor, doc, standing).length > 0
  },

  /** Attachments (附件): drafters add and remove them while drafting; the registry until archiving. */
  mayManageAttachments: (actor: Actor, doc: DocumentForPolicy) =>
    documentPolicy.mayEditDraft(actor, doc) ||
    (['DRAFT', 'IN_PROGRESS', 'COMPLETED'].includes(doc.status) && documentPolicy.isRegistry(actor, doc.organ)),

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
    const registryScopes = actor.grants.filter((g) => g.permissions.includes('document.register'))
    const [units, documents] = await Promise.all([
      registryScopes.length
        ? db.unit.findMany({ where: { OR: registryScopes.map((g) => (g.includesSubunits ? { path: { startsWith: g.scopePath } } : { path: g.scopePath })) }, select: { id: true } })
        : [],
      db.$queryRaw<{ id: string }[]>`
        SELECT "documentId" AS id FROM "DocumentTask" WHERE "assigneeId" = ${me}::uuid OR "actedById" = ${me}::uuid
        UNION SELECT "documentId" FROM "DocumentTask" WHERE status = 'PENDING' AND "assigneeId" = ANY(${standing.delegators}::uuid[])
        UNION SELECT "documentId" FROM "DocumentReader" WHERE "personId" = ${me}::uuid
        UNION SELECT id FROM "Document" WHERE "collaboratorIds" @> ARRAY[${me}::uuid]`,
    ])
    return { personId: me, organIds: units.map((u) => u.id), documentIds: documents.map((d) => d.id) }
  },

  /** The visible documents as a condition on `"Document" d` (drafter, registry's organisations, the rest by id). */
  visibleSql: (scope: VisibleScope): Prisma.Sql =>
    Prisma.sql`(d."createdById" = ${scope.personId}::uuid OR d."organId" = ANY(${scope.organIds}::uuid[]) OR d.id = ANY(${scope.documentIds}::uuid[]))`,
}
