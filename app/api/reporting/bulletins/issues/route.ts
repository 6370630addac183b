import { db } from '@/server/core/db/index.ts'
import { compileIssue, compileIssueInput } from '@/server/bulletins/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** Compile adopted items into the next issue, issued as a document. */
export const POST = endpoint({ permission: 'report.collect', input: compileIssueInput }, async ({ actor, input, context }) => compileIssue(db(), actor, input, context))
