import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { cleanSearch } from '@/server/core/text.ts'
import { getMeeting } from '@/server/meetings/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { CheckInForm } from './CheckInForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('checkInTitle') }
}

export default async function CheckInPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const { id } = await params
  const t = await getTranslations('meetings')
  const view = await orNotFound(getMeeting(db(), actor, id))
  const q = await searchParams
  const token = cleanSearch(typeof q.t === 'string' ? q.t : '')
  return (
    <div className="stack">
      <p><Link href={`/meetings/${id}`}>← {view.meeting.title}</Link></p>
      <section className="card stack">
        <h1 style={{ margin: 0 }}>{t('checkInTitle')}</h1>
        <p className="muted">{view.meeting.title}</p>
        {view.me?.checkedInAt ? <div className="alert success" role="status">{t('checkedInDone')}</div> : <CheckInForm meetingId={id} token={/^\d+\.[\w-]+$/.test(token) ? token : null} />}
      </section>
    </div>
  )
}
