import { db } from '@/server/core/db/index.ts'
import { rateUnit, rateUnitInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** 单位评价: the office rates a unit it supervises for a quarter or a year. */
export const POST = endpoint({ input: rateUnitInput }, async ({ actor, input, context }) => rateUnit(db(), actor, input, context))
