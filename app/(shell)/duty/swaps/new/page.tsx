import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { isUuid } from '@/server/core/strings.ts'
import { swapOptions } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { NotFoundCard } from '../../../../components/NotFoundCard.tsx'
import { SwapForm } from './SwapForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('swapTitle') }
}

export default async function NewSwapPage({ searchParams }: { searchParams: Promise<{ assignment?: string }> }) {
  const { assignment } = await searchParams
  const actor = await requireActor()
  const t = await getTranslations('duty')
  if (!assignment || !isUuid(assignment)) return <NotFoundCard />
  const options = await orNotFound(swapOptions(db(), actor, assignment))
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('swapTitle')}</h1>
      <section className="card stack">
        <p style={{ margin: 0 }}><strong>{t('myShift')}</strong>：{options.mine.post} · {options.mine.date} {options.mine.label}</p>
        <SwapForm assignmentId={options.mine.id} colleagues={options.colleagues} theirs={options.theirs} />
      </section>
    </div>
  )
}
