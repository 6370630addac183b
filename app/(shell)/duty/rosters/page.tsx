import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { addDays, clock, monthBounds, shanghaiDate } from '@/server/core/clock.ts'
import { listManagedPosts, listRosters } from '@/server/duty/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { DutyTabs } from '../DutyTabs.tsx'
import { NewRosterForm } from './NewRosterForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('rosters') }
}

export default async function RostersPage() {
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const [rosters, posts] = await Promise.all([listRosters(db(), actor), listManagedPosts(db(), actor)])
  // The next whole month is the usual one to plan.
  const next = monthBounds(addDays(monthBounds(shanghaiDate(clock.now()).slice(0, 7)).end, 1).slice(0, 7))
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('title')}</h1>
      <DutyTabs actor={actor} current="rosters" />
      {posts.length ? (
        <section className="card">
          <h2>{t('newRoster')}</h2>
          <NewRosterForm posts={posts.map((p) => ({ id: p.id, label: `${p.unit.name} · ${p.name}` }))} initial={next} />
        </section>
      ) : null}
      <section className="card">
        <h2>{t('rosters')}</h2>
        {rosters.length === 0 ? <p className="muted">{t('noRosters')}</p> : (
          <ul className="inbox-list">
            {rosters.map((r) => (
              <li key={r.id}>
                <Link href={`/duty/rosters/${r.id}`} className="inbox-row">
                  <span className="inbox-main">
                    <span className="inbox-title">{r.unit} · {r.post}</span>
                    <span className="small muted">{r.startDate} – {r.endDate}</span>
                  </span>
                  <span className="inbox-side row" style={{ gap: 6 }}>
                    <span className={r.status === 'PUBLISHED' ? 'badge green' : 'badge gray'}>{t(`status.${r.status}`)}</span>
                    {r.filedAt ? <span className="badge">{t('filed')}</span> : null}
                    {r.mayManage && r.unfilled ? <span className="badge red">{t('unfilledCount', { count: r.unfilled })}</span> : null}
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
