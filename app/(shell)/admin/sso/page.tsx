import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { flattenTree, listUnitTree } from '@/server/directory/index.ts'
import { listClients, oidcIssuer, oidcPolicy } from '@/server/oidc/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { SsoClients } from './SsoClients.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('sections.sso') }
}

/** 统一身份认证: the sign-on clients of the units the administrator manages; register, rotate secrets, disable. */
export default async function SsoPage() {
  const actor = await requireActor()
  if (!oidcPolicy.mayManageAny(actor)) return <Forbidden />
  const t = await getTranslations('microapps.ssoAdmin')
  const tAdmin = await getTranslations('admin')
  const [clients, tree] = await Promise.all([listClients(db(), actor), listUnitTree(db())])
  const units = flattenTree(tree).filter((u) => oidcPolicy.mayManageIn(actor, u)).map((u) => ({ id: u.id, label: `${'　'.repeat(u.depth)}${u.name}` }))
  const issuer = oidcIssuer()
  return (
    <div className="stack">
      <h1>{tAdmin('sections.sso')}</h1>
      <p className="small muted">{t('help')}</p>
      <dl className="card small" style={{ margin: 0, overflowWrap: 'anywhere' }}>
        <dt className="muted">{t('issuer')}</dt><dd data-testid="sso-issuer">{issuer}</dd>
        <dt className="muted">{t('discovery')}</dt><dd>{`${issuer}/.well-known/openid-configuration`}</dd>
      </dl>
      <SsoClients
        units={units}
        mayRotateKeys={oidcPolicy.mayRotateKeys(actor)}
        clients={clients.map((c) => ({
          id: c.id, clientId: c.clientId, name: c.name, unitName: c.unitName, redirectUris: c.redirectUris, postLogoutRedirectUris: c.postLogoutRedirectUris,
          scopes: c.scopes, disabled: !!c.disabledAt, revision: c.revision, createdAt: c.createdAt.toISOString(),
        }))}
      />
    </div>
  )
}
