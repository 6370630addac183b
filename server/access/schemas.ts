import { z } from 'zod'
import { isPermission } from '../core/authz/index.ts'

export const roleFields = z.object({
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  description: z.string().trim().max(200).default(''),
  permissions: z.array(z.string().refine(isPermission)).max(100),
  requiresTotp: z.boolean().default(false),
})
export type RoleFields = z.infer<typeof roleFields>

export const grantInput = z.object({
  personId: z.uuid(),
  roleId: z.uuid(),
  unitId: z.uuid(),
  includesSubunits: z.boolean().default(true),
})
export type GrantInput = z.infer<typeof grantInput>
