import type { Db } from '../core/db/index.ts'
import { defaultTemplates, workflowSteps } from './workflow.ts'

/** A fresh platform gets the standard outgoing and incoming templates (once). */
export async function ensureDefaultTemplates(db: Db) {
  if ((await db.workflowTemplate.count()) > 0) return
  await db.workflowTemplate.createMany({
    data: defaultTemplates.map((t) => ({ name: t.name, direction: t.direction, kinds: [], steps: workflowSteps.parse(t.steps) as object[] })),
  })
}
