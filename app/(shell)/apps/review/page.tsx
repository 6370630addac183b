import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { microappPolicy, reviewQueue } from '@/server/microapps/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { ReviewCard } from './ReviewCard.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('microapps'))('reviewQueue') }
}

/** 上架审核: pending versions with their manifest, scopes (new ones marked) and network origins; approve or reject with a reason. */
export default async function ReviewPage() {
  const actor = await requireActor()
  if (!microappPolicy.mayReview(actor)) return <Forbidden />
  const t = await getTranslations('microapps')
  const queue = await reviewQueue(db(), actor)
  return (
    <div className="stack">
      <h1>{t('reviewQueue')}</h1>
      {queue.length === 0 ? <p className="card muted">{t('nothingToReview')}</p> : null}
      {queue.map((v) => <ReviewCard key={v.id} version={{ id: v.id, appId: v.appId, version: v.version, name: v.manifest.name, description: v.manifest.description, scopes: v.manifest.scopes, newScopes: v.newScopes, networkOrigins: v.manifest.networkOrigins, entry: v.manifest.entry.type === 'url' ? v.manifest.entry.url : v.manifest.entry.path, screenshots: v.screenshots.map((s) => ({ id: s.id, form: s.form })) }} />)}
    </div>
  )
}
