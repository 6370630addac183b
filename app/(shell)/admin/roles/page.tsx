import { getTranslations, getLocale } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { permissions } from '@/server/core/authz/index.ts'
import { listRoles } from '@/server/access/index.ts'
import { requireActor, may } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { RoleEditor } from './RoleEditor.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('sections.roles') }
}

export default async function RolesPage() {
  const actor = await requireActor()
  if (!may(actor, 'role.manage')) return <Forbidden />
  const t = await getTranslations('admin')
  const locale = await getLocale()
  const roles = await listRoles(db())
  const catalogue = Object.entries(permissions).map(([key, label]) => ({ key, label: locale === 'en' ? label.en : label.zh }))
  return (
    <div className="stack">
      <h1>{t('sections.roles')}</h1>
      <p className="small muted">{t('rolesHelp')}</p>
      <p className="small muted">{t.rich('rolesDuties', { code: (chunks) => <code>{chunks}</code> })}</p>
      {roles.map((r) => (
        <section key={r.id} className="card">
          <RoleEditor
            role={{ id: r.id, name: r.name, nameEn: r.nameEn, description: r.description, permissions: r.permissions, requiresTotp: r.requiresTotp, isSystem: r.isSystem, grantCount: r._count.grants }}
            catalogue={catalogue}
          />
        </section>
      ))}
      <section className="card">
        <h2>{t('newRole')}</h2>
        <RoleEditor catalogue={catalogue} />
      </section>
    </div>
  )
}
