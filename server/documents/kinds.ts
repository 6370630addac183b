import type { DocumentKind } from '../core/db/index.ts'

/** The kinds (文种) in the order offered when drafting: the common ones first. */
export const documentKinds: DocumentKind[] = [
  'NOTICE', 'CIRCULAR', 'REQUEST', 'REPORT', 'OPINION', 'LETTER', 'MINUTES', 'DECISION',
  'REPLY', 'ANNOUNCEMENT', 'PUBLIC_NOTICE', 'RESOLUTION', 'ORDER', 'COMMUNIQUE', 'MOTION',
]

/** Upward kinds show the signer (签发人) in the header (GB/T 9704 7.2.4). */
export const upwardKinds: ReadonlySet<DocumentKind> = new Set(['REQUEST', 'REPORT'])

export const bodyDocName = (documentId: string) => `document:${documentId}`

export function documentIdOfBody(docName: string): string | null {
  const m = /^document:([0-9a-f-]{36})$/.exec(docName)
  return m ? m[1]! : null
}
