import { getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { supervisionPolicy } from '@/server/supervision/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { ItemForm } from '../ItemForm.tsx'
import { unitOptions } from '../units.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('supervision'))('new') }
}

export default async function NewItemPage() {
  const actor = await requireActor()
  if (!supervisionPolicy.isOfficer(actor)) notFound()
  const t = await getTranslations('supervision')
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('new')}</h1>
      <section className="card"><ItemForm mode="create" units={await unitOptions()} /></section>
    </div>
  )
}
