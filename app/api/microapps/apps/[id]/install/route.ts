import { z } from 'zod'
import { db } from '@/server/core/db/index.ts'
import { appScopes, installApp, uninstallApp } from '@/server/microapps/index.ts'
import { endpoint } from '../../../../../lib/api.ts'

const install = z.object({ unitId: z.uuid(), roleIds: z.array(z.uuid()).max(20).default([]), preApprovedScopes: z.array(z.enum(appScopes)).max(10).default([]) })

export const POST = endpoint({ permission: 'app.manage', input: install }, async ({ input, actor, context, params }) => {
  const row = await installApp(db(), actor, { ...input, appId: params.id! }, context)
  return { id: row.id }
})

export const DELETE = endpoint({ permission: 'app.manage', input: z.object({ unitId: z.uuid() }) }, async ({ input, actor, context, params }) => {
  await uninstallApp(db(), actor, { appId: params.id!, unitId: input.unitId }, context)
  return { ok: true }
})
