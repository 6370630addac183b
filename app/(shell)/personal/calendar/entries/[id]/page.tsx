import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { shanghaiDate, shanghaiTime } from '@/server/core/clock.ts'
import { isAppError } from '@/server/core/errors.ts'
import { isUuid } from '@/server/core/strings.ts'
import { getEntry } from '@/server/personal/index.ts'
import { requireActor } from '../../../../../lib/session.ts'
import { EntryForm } from '../../EntryForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('personal'))('editEntry') }
}

export default async function EntryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const t = await getTranslations('personal')
  const { id } = await params
  if (!isUuid(id)) notFound()
  const entry = await getEntry(db(), actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'not_found') notFound()
    throw e
  })
  const lastMoment = new Date(Math.max(entry.startsAt.getTime(), entry.endsAt.getTime() - 1))
  return (
    <div className="stack">
      <Link href="/personal/calendar" className="small">‹ {t('back')}</Link>
      <h1 style={{ margin: 0 }}>{t('editEntry')}</h1>
      <section className="card">
        <EntryForm date={shanghaiDate(entry.startsAt)} entry={{
          id: entry.id, revision: entry.revision, title: entry.title, isAllDay: entry.isAllDay, location: entry.location, notes: entry.notes,
          date: shanghaiDate(entry.startsAt), startTime: shanghaiTime(entry.startsAt), endDate: shanghaiDate(entry.isAllDay ? lastMoment : entry.endsAt), endTime: shanghaiTime(entry.endsAt),
          recurrence: entry.recurrence ?? '', remindMinutes: entry.remindMinutes,
        }} />
      </section>
    </div>
  )
}
