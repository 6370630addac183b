import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { formatShanghai, shanghaiTime } from '@/server/core/clock.ts'
import { listMeetings, meetingPolicy } from '@/server/meetings/index.ts'
import { requireActor } from '../../lib/session.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('title') }
}

export default async function MeetingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('meetings')
  const past = (await searchParams).view === 'past'
  const meetings = await listMeetings(db(), actor, { past })
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        <div className="row">
          <Link className="button secondary" href="/meetings/rooms">{t('rooms')}</Link>
          {meetingPolicy.mayOrganise(actor) ? <Link className="button" href="/meetings/new">{t('new')}</Link> : null}
        </div>
      </div>
      <nav className="tabs" aria-label={t('title')}>
        <Link href="/meetings" aria-current={past ? undefined : 'page'}>{t('upcoming')}</Link>
        <Link href="/meetings?view=past" aria-current={past ? 'page' : undefined}>{t('past')}</Link>
      </nav>
      <section className="card">
        {meetings.length === 0 ? <p className="muted">{t('none')}</p> : (
          <ul className="inbox-list">
            {meetings.map((m) => (
              <li key={m.id}>
                <Link href={`/meetings/${m.id}`} className="inbox-row">
                  <span className="inbox-main">
                    <span className="inbox-title">{m.status === 'CANCELLED' ? <s>{m.title}</s> : m.title}</span>
                    <span className="small muted">{formatShanghai(m.startsAt)}–{shanghaiTime(m.endsAt)} · {t(`kinds.${m.kind}`)}{m.location ? ` · ${m.location}` : ''}</span>
                  </span>
                  <span className="inbox-side small">
                    {m.status !== 'SCHEDULED' ? <span className="badge">{t(`statuses.${m.status}`)}</span> : m.myAnswer ? <span className="badge">{t(`answers.${m.myAnswer}`)}</span> : null}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
