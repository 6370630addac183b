import { getLocale, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { appOrigins, recordOpen, visibleApp } from '@/server/microapps/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { MicroAppHost } from './MicroAppHost.tsx'

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return { title: (await db().microApp.findUnique({ where: { id }, select: { name: true } }))?.name ?? id }
}

/** Runs an installed app in its sandboxed frame on the apps origin; counts the open. */
export default async function OpenAppPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ path?: string }> }) {
  const { id } = await params
  const { path } = await searchParams
  const actor = await requireActor()
  const app = await visibleApp(db(), actor.personId, decodeURIComponent(id))
  if (!app) notFound()
  const t = await getTranslations('microapps')
  await recordOpen(db(), { appId: app.appId, personId: actor.personId, unitId: app.unitId })
  // Bundled apps from the apps origin; an external app from its own https origin (proxy.ts adds that
  // origin to this page's frame-src only). Both in the same sandbox, answered by the same bridge.
  const entry = new URL(app.manifest.entry.type === 'bundled' ? `${appOrigins().apps}/${encodeURIComponent(app.appId)}/${app.manifest.entry.path}` : app.manifest.entry.url)
  if (app.manifest.entry.type === 'bundled') entry.searchParams.set('v', app.version)
  const appPath = path && /^[\w./?=&#-]{0,200}$/.test(path) ? path : ''
  entry.hash = appPath
  const src = entry.href
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="spread">
        <h1 style={{ margin: 0 }}><span aria-hidden="true">{app.manifest.icon}</span> {app.name}</h1>
        <Link href={`/apps/${encodeURIComponent(app.appId)}`} className="small">{t('about')}</Link>
      </div>
      <MicroAppHost appId={app.appId} name={app.name} src={src} locale={await getLocale()} scopes={app.grantedScopes} />
    </div>
  )
}
