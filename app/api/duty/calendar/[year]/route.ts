import { db } from '@/server/core/db/index.ts'
import { calendarYearInput, saveCalendarYear } from '@/server/duty/index.ts'
import { endpoint } from '../../../../lib/api.ts'

/** Enter or correct a year's official calendar (the State Council's notice). */
export const PUT = endpoint({ permission: 'calendar.manage', input: calendarYearInput.omit({ year: true }) }, async ({ actor, input, params, context }) =>
  saveCalendarYear(db(), actor, { ...input, year: Number(params.year) }, context))
