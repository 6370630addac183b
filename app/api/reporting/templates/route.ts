import { db } from '@/server/core/db/index.ts'
import { saveTemplate, saveTemplateInput } from '@/server/reporting/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** Build a template, or save a new version of one (`templateId`, `revision`). */
export const POST = endpoint({ permission: 'report.collect', input: saveTemplateInput, maxBodyBytes: 512 * 1024 }, async ({ actor, input, context }) => saveTemplate(db(), actor, input, context))
