import type { Db } from '../core/db/index.ts'
import { db } from '../core/db/index.ts'
import { defineSweep } from '../core/jobs.ts'
import { deleteExpiredOidcPayloads } from '../oidc/index.ts'
import { deleteSpentAuthCodes } from './auth-code.ts'

/** Expired provider rows (codes, tokens, sessions, interactions) and spent getAuthCode codes. */
export async function sweepExpiredSignOnRows(database: Db = db()): Promise<void> {
  await deleteExpiredOidcPayloads(database)
  await deleteSpentAuthCodes(database)
}

export const signOnSweepJob = defineSweep({ name: 'microapps.sign-on-sweep', cron: '17 * * * *', handler: () => sweepExpiredSignOnRows() })
