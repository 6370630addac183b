import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { wallTime } from '@/server/core/clock.ts'
import { dutyPolicy, listManagedPosts } from '@/server/duty/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { DutyTabs } from '../DutyTabs.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('posts') }
}

export default async function DutyPostsPage() {
  const actor = await requireActor()
  if (!dutyPolicy.mayManageAnywhere(actor)) return <Forbidden />
  const t = await getTranslations('duty')
  const posts = await listManagedPosts(db(), actor)
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        <Link className="button" href="/duty/posts/new">{t('newPost')}</Link>
      </div>
      <DutyTabs actor={actor} current="posts" />
      {posts.length === 0 ? <p className="muted">{t('postsEmpty')}</p> : (
        <div className="stack">
          {posts.map((p) => (
            <section key={p.id} className="card stack">
              <div className="spread">
                <h2 style={{ margin: 0 }}>{p.name}<span className="small muted"> · {p.unit.name}</span></h2>
                <Link href={`/duty/posts/${p.id}`}>{t('edit')}</Link>
              </div>
              <ul style={{ margin: 0 }}>
                {p.shifts.map((s) => (
                  <li key={s.id}>
                    <strong>{s.name}</strong> {wallTime(s.startMinute)}–{wallTime(s.startMinute + s.durationMinutes)} · {t(`appliesOnOptions.${s.appliesOn}`)} ·{' '}
                    {s.roles.map((r) => `${r.name}×${r.count}（${t('eligibleCount', { count: r._count.eligible })}）`).join('，')}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  )
}
