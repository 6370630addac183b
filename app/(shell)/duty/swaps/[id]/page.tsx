import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { shanghaiTime } from '@/server/core/clock.ts'
import { swapDetail } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { SwapDecision } from './SwapDecision.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('swapTitle') }
}

export default async function SwapPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const swap = await orNotFound(swapDetail(db(), actor, id))
  const shift = (s: { date: string; startsAt: Date; endsAt: Date; shift: string; role: string }) => `${s.date} ${s.shift} ${s.role}（${shanghaiTime(s.startsAt)}–${shanghaiTime(s.endsAt)}）`
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t(`kinds.${swap.kind}`)} · {swap.post}</h1>
      <section className="card stack">
        <div className="row" style={{ gap: 8 }}>
          <span className="badge" data-testid="swap-status">{t(`swapStatus.${swap.status}`)}</span>
          <span className="small muted">{format.dateTime(swap.createdAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })}</span>
        </div>
        <dl className="meta-grid">
          <dt>{t('requester')}</dt><dd>{swap.requester.name} {swap.requester.phone ? <a href={`tel:${swap.requester.phone}`}>{swap.requester.phone}</a> : null}</dd>
          <dt>{t('requesterShift')}</dt><dd>{shift(swap.mine)}</dd>
          <dt>{t('counterpart')}</dt><dd>{swap.counterpart.name} {swap.counterpart.phone ? <a href={`tel:${swap.counterpart.phone}`}>{swap.counterpart.phone}</a> : null}</dd>
          {swap.theirs ? <><dt>{t('theirShift')}</dt><dd>{shift(swap.theirs)}</dd></> : null}
          {swap.reason ? <><dt>{t('swapReason')}</dt><dd>{swap.reason}</dd></> : null}
        </dl>
        <SwapDecision swapId={swap.id} revision={swap.revision} mayAnswer={swap.mayAnswer} mayDecide={swap.mayDecide} />
        <Link href={`/duty/rosters/${swap.rosterId}`}>{t('viewRoster')}</Link>
      </section>
    </div>
  )
}
