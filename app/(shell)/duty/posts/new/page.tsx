import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { dutyPolicy, managedUnitsAndPeople } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { PostForm } from '../PostForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('newPost') }
}

export default async function NewDutyPostPage() {
  const actor = await requireActor()
  if (!dutyPolicy.mayManageAnywhere(actor)) return <Forbidden />
  const t = await getTranslations('duty')
  const { units, people } = await managedUnitsAndPeople(db(), actor)
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('newPost')}</h1>
      <PostForm units={units} people={people} />
    </div>
  )
}
