import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { unitRatings } from '@/server/supervision/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { RateUnitForm } from './RateUnitForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('supervision'))('unitRatings') }
}

/** The four quarters up to now, newest first, and last year (what the office usually rates). */
function periodChoices(current: string): string[] {
  const [y, q] = [Number(current.slice(0, 4)), Number(current.slice(-1))]
  const quarters = Array.from({ length: 4 }, (_, i) => { const n = y * 4 + (q - 1) - i; return `${Math.floor(n / 4)}-Q${(n % 4) + 1}` })
  return [...quarters, String(y), String(y - 1)]
}

export default async function UnitRatingsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const view = await orNotFound(unitRatings(db(), actor, id))
  const t = await getTranslations('supervision')
  const format = await getFormatter()
  return (
    <div className="stack" data-testid="unit-ratings">
      <Link href="/supervision/rankings" className="small">← {t('rankingTitle')}</Link>
      <h1 style={{ margin: 0 }}>{view.unit.name}</h1>
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('unitRatings')}</h2>
        <p className="small muted" style={{ margin: 0 }}>{t('itemRatingsMean', { mean: view.items.mean ?? '—', rated: view.items.rated, total: view.items.total })}</p>
        {view.ratings.length === 0 ? <p className="muted">{t('noUnitRatings')}</p> : (
          <ul className="sv-units">
            {view.ratings.map((r) => (
              <li key={r.id} data-testid="unit-rating" data-period={r.period}>
                <div className="spread"><strong>{r.period}</strong><span className="badge">{t('scoreValue', { score: r.score })}</span></div>
                {r.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</div> : null}
                <div className="small muted">{t('ratedBy', { name: r.ratedBy, at: format.dateTime(r.ratedAt, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' }) })}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {view.mayRate ? (
        <section className="card stack">
          <h2 style={{ margin: 0 }}>{t('rateUnit')}</h2>
          <p className="small muted" style={{ margin: 0 }}>{t('rateUnitHint')}</p>
          <RateUnitForm unitId={view.unit.id} periods={periodChoices(view.currentQuarter)} />
        </section>
      ) : null}
    </div>
  )
}
