import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { managedPost, managedUnitsAndPeople } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { NotFoundCard } from '../../../../components/NotFoundCard.tsx'
import { PostForm } from '../PostForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('editPost') }
}

export default async function EditDutyPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const post = await managedPost(db(), actor, id).catch((e) => (isAppError(e) && e.code === 'not_found' ? null : Promise.reject(e)))
  if (!post) return <NotFoundCard />
  const { units, people } = await managedUnitsAndPeople(db(), actor)
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('editPost')}</h1>
      <PostForm units={units} people={people} post={{
        id: post.id, unitId: post.unitId, name: post.name, phone: post.phone ?? '',
        patterns: post.shifts.map((s) => ({ id: s.id, name: s.name, startMinute: s.startMinute, durationMinutes: s.durationMinutes, appliesOn: s.appliesOn, roles: s.roles.map((r) => ({ id: r.id, name: r.name, count: r.count, isLeader: r.isLeader, eligible: r.eligible.map((e) => e.person.id) })) })),
      }} />
    </div>
  )
}
