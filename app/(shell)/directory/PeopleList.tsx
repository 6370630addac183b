import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import type { PersonSummary } from '@/server/directory/index.ts'
import { db } from '@/server/core/db/index.ts'
import { peopleOnLeave } from '@/server/personal/index.ts'

export async function PeopleList({ people, hrefBase = '/directory/people' }: { people: PersonSummary[]; hrefBase?: string }) {
  const t = await getTranslations('directory')
  if (people.length === 0) return <p className="muted">{t('noPeople')}</p>
  const [away, tPersonal] = await Promise.all([peopleOnLeave(db(), people.map((p) => p.id)), getTranslations('personal')])
  return (
    <ul className="people">
      {people.map((p) => (
        <li key={p.id}>
          <Link href={`${hrefBase}/${p.id}`} className="person-row">
            <span className="avatar" aria-hidden="true">{p.name.slice(-2)}</span>
            <span className="person-main">
              <span className="person-name">{p.name}</span>{' '}
              {p.posts.some((x) => x.leaderRank !== 'NONE') ? <span className="badge">{t('leader')}</span> : null}{' '}
              {!p.isActive ? <span className="badge gray">{t('inactive')}</span> : null}
              {away.has(p.id) ? <span className="badge amber">{tPersonal('onLeave')}</span> : null}
              <span className="person-posts" style={{ display: 'block' }}>
                {p.posts.map((x) => `${x.unitName} · ${x.title}`).join('；')}
              </span>
            </span>
            {p.phone ? <span className="small muted hide-phone">{p.phone}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  )
}
