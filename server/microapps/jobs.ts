import type { Db } from '../core/db/index.ts'
import { db } from '../core/db/index.ts'
import { defineSweep } from '../core/jobs.ts'
import { deleteExpiredOidcPayloads } from '../oidc/index.ts'
import { deleteSpentAuthCodes } from './auth-code.ts'
import { deleteExpiredAppFiles } from './app-files.ts'

/** Expired provider rows (codes, tokens, sessions, interactions), spent getAuthCode codes and apps' expired files. */
export async function sweepExpiredSignOnRows(database: Db = db()): Promise<void> {
  await deleteExpiredOidcPayloads(database)
  await deleteSpentAuthCodes(database)
  await deleteExpiredAppFiles(database)
}

export const signOnSweepJob = defineSweep({ name: 'microapps.sign-on-sweep', cron: '17 * * * *', handler: () => sweepExpiredSignOnRows() })
