import { z } from 'zod'

const revision = z.coerce.number().int().min(0)
const opinion = z.string().trim().max(2000).optional().transform((v) => v || undefined)
const chosen = { unitIds: z.array(z.uuid()).max(50).optional(), personIds: z.array(z.uuid()).max(200).optional() }

export const submitInput = z.object({ revision, ...chosen })
export type SubmitInput = z.input<typeof submitInput>

export const actInput = z.object({ revision, taskId: z.uuid().optional(), opinion, ...chosen, retentionYears: z.coerce.number().int().min(0).max(100).default(30) })
export type ActInput = z.input<typeof actInput>

export const sendBackInput = z.object({ revision, toStep: z.coerce.number().int().min(-1), reason: z.string().trim().min(1).max(500) })
export type SendBackInput = z.input<typeof sendBackInput>

export const transferInput = z.object({ revision, taskId: z.uuid().optional(), personId: z.uuid(), reason: z.string().trim().max(500).default('') })
export type TransferInput = z.input<typeof transferInput>

export const addParticipantInput = z.object({ revision, unitId: z.uuid().optional(), personId: z.uuid().optional() })
  .refine((v) => !!v.unitId !== !!v.personId, { message: 'unitId or personId' })
export type AddParticipantInput = z.input<typeof addParticipantInput>
