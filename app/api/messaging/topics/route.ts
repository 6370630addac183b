import { db } from '@/server/core/db/index.ts'
import { createTopic, createTopicInput } from '@/server/messaging/index.ts'
import { endpoint } from '../../../lib/api.ts'

export const POST = endpoint({ input: createTopicInput }, async ({ actor, input, context }) => createTopic(db(), actor, input, context))
