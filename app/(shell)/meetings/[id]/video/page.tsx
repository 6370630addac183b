import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { liveKitSettings, videoRoleFor } from '@/server/meetings/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { VideoRoom } from './VideoRoom.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('videoTitle') }
}

export default async function VideoPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const t = await getTranslations('meetings')
  const { meeting, role } = await orNotFound(videoRoleFor(db(), actor, id))
  const configured = !!liveKitSettings()
  return (
    <div className="stack">
      <p><Link href={`/meetings/${id}`}>← {meeting.title}</Link></p>
      <section className="card stack">
        <h1 style={{ margin: 0 }}>{t('videoTitle')} · {meeting.title}</h1>
        {!configured ? <div className="alert" role="status" data-testid="video-not-configured">{t('videoNotConfigured')}</div>
          : !role ? <div className="alert" role="status">{t('videoNotAllowed')}</div>
          : <VideoRoom meetingId={id} role={role} />}
      </section>
    </div>
  )
}
