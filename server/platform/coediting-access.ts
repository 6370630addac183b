import type { Db } from '../core/db/index.ts'
import type { Right } from '../realtime-tickets/index.ts'
import { documentBodyAccess } from '../documents/index.ts'
import { meetingMinutesAccess } from '../meetings/index.ts'

/**
 * The co-editing server's one access check: each module that owns co-edited documents answers for its
 * own names (`document:<id>` bodies, `meeting-minutes:<id>`) and `undefined` for the rest, so the
 * first that knows the name decides, at connect and on every re-check. A new kind is one line here.
 */
export function coeditingAccess(db: Db) {
  const checks = [documentBodyAccess(db), meetingMinutesAccess(db)]
  return async (docName: string, personId: string): Promise<Right | null | undefined> => {
    for (const check of checks) {
      const right = await check(docName, personId)
      if (right !== undefined) return right
    }
    return undefined
  }
}
