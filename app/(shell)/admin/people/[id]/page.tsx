import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { accountPolicy, directoryPolicy, getPerson, isPrivilegedPerson } from '@/server/directory/index.ts'
import { accessPolicy, listGrants, listRoles } from '@/server/access/index.ts'
import { requireActor, may } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { PersonForm } from '../PersonForm.tsx'
import { unitOptions } from '../units.ts'
import { PersonActions } from './PersonActions.tsx'
import { GrantsPanel } from './GrantsPanel.tsx'

export default async function AdminPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const person = await orNotFound(getPerson(db(), id))
  const mayManage = directoryPolicy.mayManagePerson(actor, person)
  const maySecure = may(actor, 'security.manage')
  const mayGrant = accessPolicy.mayManageRoles(actor)
  if (!mayManage && !maySecure && !mayGrant) return <Forbidden />
  const { mayResetPassword, mayUnlock } = accountPolicy.accountActions(actor, person, await isPrivilegedPerson(db(), person.id))
  const t = await getTranslations('admin')
  const units = await unitOptions()
  const isLocked = !!person.lockedUntil && person.lockedUntil > new Date()
  return (
    <div className="stack">
      <p><Link href="/admin/people">← {t('sections.people')}</Link></p>
      <div className="spread">
        <h1 style={{ margin: 0 }}>{person.name} <span className="small muted">{person.account}</span></h1>
        <div className="row">
          {person.isActive ? <span className="badge green">{t('active')}</span> : <span className="badge gray">{t('inactive')}</span>}
          {isLocked ? <span className="badge red">{t('locked')}</span> : null}
          {person.totpEnabledAt ? <span className="badge">{t('totpOn')}</span> : null}
          {!person.hasPassword ? <span className="badge amber">{t('noPassword')}</span> : null}
        </div>
      </div>
      {mayManage ? (
        <section className="card">
          <PersonForm
            units={units}
            person={{
              id: person.id, name: person.name, phone: person.phone, email: person.email,
              posts: person.posts.map((p) => ({ unitId: p.unit.id, title: p.title, leaderRank: p.leaderRank, isPrimary: p.isPrimary })),
              leaderChargeUnitIds: person.leaderCharges.map((c) => c.unit.id),
            }}
          />
        </section>
      ) : null}
      <section className="card">
        <PersonActions personId={person.id} isActive={person.isActive} isLocked={isLocked} mayManage={mayManage && person.id !== actor.personId} mayResetPassword={mayResetPassword} mayUnlock={mayUnlock} />
      </section>
      {mayGrant ? (
        <section className="card">
          <GrantsPanel
            personId={person.id}
            grants={(await listGrants(db(), { personId: person.id })).map((g) => ({ id: g.id, role: g.role.name, unit: g.unit.name, includesSubunits: g.includesSubunits }))}
            roles={(await listRoles(db())).filter((r) => !accessPolicy.administratorPermissionsNotHeld(actor, r.permissions).length).map((r) => ({ id: r.id, name: r.name }))}
            units={units}
          />
        </section>
      ) : null}
    </div>
  )
}
