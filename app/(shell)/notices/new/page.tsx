import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { flattenTree, listUnitTree } from '@/server/directory/index.ts'
import { noticePolicy } from '@/server/notices/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { NoticeForm } from './NoticeForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('notices'))('new') }
}

export default async function NewNoticePage() {
  const actor = await requireActor()
  if (!noticePolicy.maySend(actor)) return <Forbidden />
  const t = await getTranslations('notices')
  // Only the units this person may address are offered (the server checks again on send).
  const units = flattenTree(await listUnitTree(db()))
    .filter((u) => noticePolicy.mayAddressUnit(actor, u))
    .map((u) => ({ id: u.id, name: u.name, depth: u.depth, memberCount: u.memberCount }))
  return (
    <div className="stack">
      <h1>{t('new')}</h1>
      <section className="card"><NoticeForm units={units} /></section>
    </div>
  )
}
