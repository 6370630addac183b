import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { roomDisplay } from '@/server/meetings/index.ts'
import { requireActor } from '../../../../../lib/session.ts'
import { orNotFound } from '../../../../../lib/errors.ts'
import { RoomScreen } from './RoomScreen.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('displayTitle') }
}

/** The page for the room's screen: full screen, only the current title, the QR and the code. */
export default async function RoomDisplayPage({ params }: { params: Promise<{ roomId: string }> }) {
  const actor = await requireActor()
  const { roomId } = await params
  const initial = await orNotFound(roomDisplay(db(), actor, roomId))
  return <RoomScreen roomId={roomId} initial={JSON.parse(JSON.stringify(initial))} />
}
