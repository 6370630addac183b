import { db } from '@/server/core/db/index.ts'
import { clock } from '@/server/core/clock.ts'
import { dutyBoard } from '@/server/duty/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** 今日值班 as data (the page renders the same on the server). */
export const GET = endpoint({}, async ({ actor }) => dutyBoard(db(), actor, clock.now()))
