import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { ensureUnitGroups, getConversation, listConversations, listMessages } from '@/server/messaging/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { orNotFound } from '../../../lib/errors.ts'
import { noticePolicy } from '@/server/notices/index.ts'
import { Messenger } from '../Messenger.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('messaging'))('title') }
}

/** One conversation (members only: anyone else gets the not-found page). `?seq=` opens it at a message (search, mentions). */
export default async function ConversationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ seq?: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const focus = Number((await searchParams).seq)
  const focusSeq = Number.isInteger(focus) && focus > 0 ? focus : undefined
  const current = await orNotFound(getConversation(db(), actor, id))
  await ensureUnitGroups(db(), actor)
  const [conversations, messages] = await Promise.all([
    listConversations(db(), actor),
    listMessages(db(), actor, id, { limit: 50, ...(focusSeq && focusSeq < current.lastSeq - 25 ? { before: focusSeq + 25 } : {}) }),
  ])
  return <Messenger me={{ id: actor.personId, name: actor.name }} initialConversations={conversations} current={current} initialMessages={messages} focusSeq={focusSeq} maySendNotice={noticePolicy.maySend(actor)} />
}
