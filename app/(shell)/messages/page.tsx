import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { ensureUnitGroups, listConversations } from '@/server/messaging/index.ts'
import { requireActor } from '../../lib/session.ts'
import { Messenger } from './Messenger.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('messaging'))('title') }
}

/** 消息: on a phone the conversation list is the whole first screen; on desktop the chat pane waits beside it. */
export default async function MessagesPage() {
  const actor = await requireActor()
  await ensureUnitGroups(db(), actor)
  const conversations = await listConversations(db(), actor)
  return <Messenger me={{ id: actor.personId, name: actor.name }} initialConversations={conversations} current={null} initialMessages={[]} />
}
