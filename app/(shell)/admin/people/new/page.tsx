import { getTranslations } from 'next-intl/server'
import { requireActor, may } from '../../../../lib/session.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { PersonForm } from '../PersonForm.tsx'
import { unitOptions } from '../units.ts'

export default async function NewPersonPage() {
  const actor = await requireActor()
  if (!may(actor, 'person.manage')) return <Forbidden />
  const t = await getTranslations('admin')
  return (
    <div className="stack">
      <h1>{t('newPerson')}</h1>
      <section className="card"><PersonForm units={await unitOptions()} /></section>
    </div>
  )
}
