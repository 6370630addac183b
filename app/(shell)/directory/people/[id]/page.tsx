import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { directoryPolicy, getPerson } from '@/server/directory/index.ts'
import { peopleOnLeave } from '@/server/personal/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { MessagePersonButton } from '../../../messages/MessagePersonButton.tsx'

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const t = await getTranslations('directory')
  const person = await orNotFound(getPerson(db(), id))
  const [away, tPersonal] = await Promise.all([peopleOnLeave(db(), [person.id]), getTranslations('personal')])
  const mayManage = directoryPolicy.mayManagePerson(actor, person)
  return (
    <div className="stack">
      <p><Link href="/directory">← {t('title')}</Link></p>
      <div className="card stack">
        <div className="row">
          <span className="avatar large" aria-hidden="true">{person.name.slice(-2)}</span>
          <div>
            <h1 style={{ margin: 0 }}>{person.name}</h1>
            <div className="muted small">{person.namePinyin}</div>
            {!person.isActive ? <span className="badge gray">{t('inactive')}</span> : null}
            {away.has(person.id) ? <span className="badge amber" data-testid="on-leave">{tPersonal('onLeave')}</span> : null}
          </div>
          {person.isActive && person.id !== actor.personId ? <MessagePersonButton personId={person.id} /> : null}
        </div>
        <dl className="form-grid">
          <div><dt className="small muted">{t('phone')}</dt><dd style={{ margin: 0 }}>{person.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : '—'}</dd></div>
          <div><dt className="small muted">{t('email')}</dt><dd style={{ margin: 0 }}>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—'}</dd></div>
        </dl>
        <section>
          <h2>{t('posts')}</h2>
          <ul>
            {person.posts.map((p) => (
              <li key={p.id}>
                <Link href={`/directory?unit=${p.unit.id}`}>{p.unit.name}</Link> · {p.title}{' '}
                {p.leaderRank !== 'NONE' ? <span className="badge">{t(`rank.${p.leaderRank}`)}</span> : null}{' '}
                {p.isPrimary && person.posts.length > 1 ? <span className="badge gray">{t('primaryPost')}</span> : null}
              </li>
            ))}
          </ul>
        </section>
        {person.leaderCharges.length ? (
          <section>
            <h2>{t('inCharge')}</h2>
            <p>{person.leaderCharges.map((c) => c.unit.name).join('、')}</p>
          </section>
        ) : null}
        {mayManage ? <p><Link className="button secondary" href={`/admin/people/${person.id}`}>{t('edit')}</Link></p> : null}
      </div>
    </div>
  )
}
