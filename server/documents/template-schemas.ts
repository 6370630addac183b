import { z } from 'zod'
import { documentFields } from './schemas.ts'
import { workflowSteps } from './workflow.ts'

export const templateInput = z.object({
  name: z.string().trim().min(1).max(60),
  direction: z.enum(['OUTGOING', 'INCOMING']),
  kinds: z.array(documentFields.shape.kind).max(15).default([]),
  unitId: z.uuid().nullable().default(null),
  steps: workflowSteps,
  isActive: z.boolean().default(true),
})
