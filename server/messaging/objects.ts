import type { Actor } from '../core/authz/index.ts'
import { Prisma, type Db } from '../core/db/index.ts'
import { documentAudience, documentTitle, maySeeDocument, visibleDocumentsSql } from '../documents/index.ts'
import { maySeeMeeting, meetingAudience, meetingTitle, visibleMeetingsSql } from '../meetings/index.ts'
import { itemAudience, itemTitle, maySeeItem, visibleItemsSql } from '../supervision/index.ts'

/**
 * The objects a conversation can be the thread of (讨论): an official document, a meeting, a
 * supervision item. Each names its column on "Conversation" and borrows the owning module's policy —
 * who may see the object now is who is in its thread, computed, never copied.
 */
export type ObjectKind = 'DOCUMENT' | 'MEETING' | 'SUPERVISION'

type ObjectThread = {
  column: 'documentId' | 'meetingId' | 'supervisionItemId'
  maySee: (db: Db, actor: Actor, id: string) => Promise<boolean>
  /** The objects the actor may see, as `"<column>" IN (…)` on `"Conversation" c`. */
  memberSql: (db: Db, actor: Actor) => Promise<Prisma.Sql>
  audience: (db: Db, id: string) => Promise<string[]>
  title: (db: Db, id: string) => Promise<string | null>
  href: (id: string) => string
}

export const objectThreads: Record<ObjectKind, ObjectThread> = {
  DOCUMENT: {
    column: 'documentId',
    maySee: maySeeDocument,
    memberSql: async (db, actor) => Prisma.sql`c."documentId" IN (SELECT d.id FROM "Document" d WHERE ${await visibleDocumentsSql(db, actor)})`,
    audience: documentAudience,
    title: documentTitle,
    href: (id) => `/documents/${id}`,
  },
  MEETING: {
    column: 'meetingId',
    maySee: maySeeMeeting,
    memberSql: async (db, actor) => Prisma.sql`c."meetingId" IN (SELECT m.id FROM "Meeting" m WHERE ${await visibleMeetingsSql(db, actor)})`,
    audience: meetingAudience,
    title: meetingTitle,
    href: (id) => `/meetings/${id}`,
  },
  SUPERVISION: {
    column: 'supervisionItemId',
    maySee: maySeeItem,
    memberSql: async (db, actor) => Prisma.sql`c."supervisionItemId" IN (SELECT i.id FROM "SupervisionItem" i WHERE ${await visibleItemsSql(db, actor)})`,
    audience: itemAudience,
    title: itemTitle,
    href: (id) => `/supervision/${id}`,
  },
}

export const OBJECT_KINDS = Object.keys(objectThreads) as ObjectKind[]

export const isObjectKind = (kind: string): kind is ObjectKind => kind in objectThreads

/** The object a thread belongs to, or null for direct, topic and unit conversations. */
export function objectOf(c: { kind: string; documentId: string | null; meetingId: string | null; supervisionItemId: string | null }): { kind: ObjectKind; id: string } | null {
  if (!isObjectKind(c.kind)) return null
  const id = c[objectThreads[c.kind].column]
  return id ? { kind: c.kind, id } : null
}

const PATHS: Record<string, ObjectKind> = { documents: 'DOCUMENT', meetings: 'MEETING', supervision: 'SUPERVISION' }

/** The object kind a URL segment names (`documents`, `meetings`, `supervision`), or null. */
export const threadKindOf = (segment: string): ObjectKind | null => PATHS[segment] ?? null

/** Joins on `"Conversation" c` that give a thread its object's title as `object_title` (lists, search, the auditor's choice). */
export const OBJECT_TITLE_JOINS = `LEFT JOIN "Document" d ON d.id = c."documentId"
      LEFT JOIN "Meeting" mt ON mt.id = c."meetingId"
      LEFT JOIN "SupervisionItem" si ON si.id = c."supervisionItemId"`
export const OBJECT_TITLE = `COALESCE(d.title, mt.title, si.title)`
