import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { flattenTree, listUnitTree } from '@/server/directory/index.ts'
import { appDetails, microappPolicy, usageFigures } from '@/server/microapps/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { orNotFound } from '../../../lib/errors.ts'
import { InstallForm } from './InstallForm.tsx'

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return { title: (await db().microApp.findUnique({ where: { id: decodeURIComponent(id) }, select: { name: true } }))?.name ?? id }
}

/** An app's page: what it is, what it asks for, who made it; open it; install it (unit administrators); its figures. */
export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const actor = await requireActor()
  const app = await orNotFound(appDetails(db(), actor, decodeURIComponent(id)))
  const t = await getTranslations('microapps')
  const manages = microappPolicy.mayManageAny(actor)
  const units = manages ? flattenTree(await listUnitTree(db())).filter((u) => microappPolicy.mayManageIn(actor, u)).map((u) => ({ id: u.id, label: `${'　'.repeat(u.depth)}${u.name}` })) : []
  const figures = manages || microappPolicy.mayReview(actor) ? await usageFigures(db(), app.id) : null
  const roles = manages ? await db().role.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 100 }) : []
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}><span aria-hidden="true">{app.manifest.icon}</span> {app.name}</h1>
        {app.openable ? <Link href={`/apps/${encodeURIComponent(app.id)}/open`} className="button" data-testid="open-app">{t('open')}</Link> : null}
      </div>
      <section className="card stack">
        <p style={{ margin: 0 }}>{app.manifest.description}</p>
        <dl className="small" style={{ margin: 0 }}>
          <dt className="muted">{t('developer')}</dt><dd>{app.developer}</dd>
          <dt className="muted">{t('version')}</dt><dd>{app.version}</dd>
          <dt className="muted">{t('platformsLabel')}</dt><dd>{[app.manifest.platforms.phone ? t('phone') : null, app.manifest.platforms.desktop ? t('desktop') : null].filter(Boolean).join('、')}</dd>
        </dl>
        {app.screenshots.length ? (
          <div>
            <strong className="small">{t('screenshots')}</strong>
            {/* Phone shots (portrait) and desktop shots (landscape) in one strip that scrolls sideways on a phone. */}
            <ul className="app-screenshots" data-testid="app-screenshots">
              {app.screenshots.map((s, i) => (
                <li key={s.id} data-form={s.form}>
                  <a href={`/api/microapps/screenshots/${s.id}`} target="_blank" rel="noopener">
                    {/* eslint-disable-next-line @next/next/no-img-element -- our own re-encoded screenshots, served by an API route */}
                    <img src={`/api/microapps/screenshots/${s.id}`} width={s.width} height={s.height} loading="lazy" alt={t('screenshotAlt', { app: app.name, n: i + 1, form: t(s.form === 'PHONE' ? 'phone' : 'desktop') })} />
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div>
          <strong className="small">{t('asksFor')}</strong>
          <ul className="small" data-testid="app-scopes">{app.manifest.scopes.length ? app.manifest.scopes.map((s) => <li key={s}>{t(`scopes.${s.replace('.', '_')}` as never)}</li>) : <li>{t('noScopes')}</li>}</ul>
        </div>
      </section>
      {figures ? (
        <section className="card stack" aria-label={t('usage')}>
          <h2>{t('usage')}</h2>
          <p className="small" data-testid="usage-figures">{t('usageLine', { installs: figures.installs, opens: figures.opens30 })}</p>
          {figures.dailyActive.length ? (
            <table className="small"><thead><tr><th>{t('unit')}</th><th>{t('dailyActive')}</th></tr></thead>
              <tbody>{figures.dailyActive.map((d) => <tr key={d.unitId}><td>{d.unit}</td><td>{d.people}</td></tr>)}</tbody></table>
          ) : null}
        </section>
      ) : null}
      {manages && units.length ? (
        <section className="card stack">
          <h2>{t('installTitle')}</h2>
          <InstallForm appId={app.id} units={units} roles={roles} scopes={app.manifest.scopes} installs={app.installs} />
        </section>
      ) : null}
    </div>
  )
}
