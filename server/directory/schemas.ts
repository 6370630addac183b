import { z } from 'zod'

export const unitKinds = ['PROVINCE', 'CITY', 'COUNTY', 'DEPARTMENT', 'DIVISION', 'OTHER'] as const
export const leaderRanks = ['NONE', 'PRINCIPAL', 'DEPUTY'] as const

const trimmed = (max: number) => z.string().trim().min(1).max(max)

export const unitFields = z.object({
  name: trimmed(100),
  shortName: trimmed(40),
  /** The name an organ signs with (organ mark, signature); empty: its name. */
  fullName: z.string().trim().max(100).transform((s) => s || null).nullable().optional(),
  organCode: z.string().trim().max(20).transform((s) => s || null).nullable().optional(),
  kind: z.enum(unitKinds),
  sortOrder: z.coerce.number().int().min(0).max(100000).default(0),
})
export type UnitFields = z.infer<typeof unitFields>

export const PHONE_RE = /^1\d{10}$/
export const ACCOUNT_RE = /^[a-z][a-z0-9._-]{2,31}$/

export const postInput = z.object({
  unitId: z.uuid(),
  title: trimmed(60),
  leaderRank: z.enum(leaderRanks).default('NONE'),
  isPrimary: z.boolean().default(false),
})

export const personFields = z.object({
  name: trimmed(40),
  phone: z.string().trim().regex(PHONE_RE).nullable().optional().or(z.literal('').transform(() => null)),
  email: z.email().nullable().optional().or(z.literal('').transform(() => null)),
  posts: z.array(postInput).min(1).max(10),
  leaderChargeUnitIds: z.array(z.uuid()).max(50).default([]),
})
export type PersonFields = z.infer<typeof personFields>

export const createPersonInput = personFields.extend({
  account: z.string().trim().toLowerCase().regex(ACCOUNT_RE),
  initialPassword: z.string().min(1).max(128),
})
export type CreatePersonInput = z.infer<typeof createPersonInput>
