import { db } from '@/server/core/db/index.ts'
import { createItem, createItemInput, listItems, listItemsInput } from '@/server/supervision/index.ts'
import { endpoint } from '../../../lib/api.ts'

/** 我的事项 / all items the person may see, with lights. */
export const GET = endpoint({ input: listItemsInput }, async ({ actor, input }) => ({ items: await listItems(db(), actor, input) }))

/** 立项 by the supervision office, assigned at once. */
export const POST = endpoint({ permission: 'supervision.manage', input: createItemInput }, async ({ actor, input, context }) => createItem(db(), actor, input, context))
