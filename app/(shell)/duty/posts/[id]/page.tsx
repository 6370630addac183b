import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { managedPost, managedUnitsAndPeople } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { PostForm } from '../PostForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('editPost') }
}

export default async function EditDutyPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const post = await orNotFound(managedPost(db(), actor, id))
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
