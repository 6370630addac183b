import { db } from '@/server/core/db/index.ts'
import { exportBulletinRanking } from '@/server/bulletins/index.ts'
import { endpoint } from '../../../../../../lib/api.ts'
import { xlsxResponse } from '../../../../xlsx.ts'

/** A published ranking as Excel (audited). */
export const GET = endpoint({}, async ({ actor, context, params }) => xlsxResponse(await exportBulletinRanking(db(), actor, params.id!, context)))
