import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { addDays, clock, shanghaiDate } from '@/server/core/clock.ts'
import { computeRanking, listRankings, supervisionPolicy, type RankingRow } from '@/server/supervision/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { SupervisionTabs } from '../Tabs.tsx'
import { PublishButton } from './PublishButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('supervision'))('rankingTitle') }
}

const isDate = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s)

/** Snapshots published before unit ratings existed have no `unitScore`; the unit's name opens its page. */
function UnitLink({ r }: { r: RankingRow }) {
  return <Link href={`/supervision/units/${r.unitId}`}>{r.unit}</Link>
}

function RankingTable({ rows, t }: { rows: RankingRow[]; t: Awaited<ReturnType<typeof getTranslations<'supervision'>>> }) {
  if (rows.length === 0) return <p className="muted">{t('noRows')}</p>
  return (
    <div data-testid="ranking">
      <div className="table-wrap hide-phone">
        <table className="sv-rank">
          <thead><tr><th>{t('rank')}</th><th>{t('unit')}</th><th>{t('onTimeRate')}</th><th>{t('punctuality')}</th><th>{t('unitScore')}</th><th>{t('avgRating')}</th><th>{t('overdueCount')}</th><th>{t('dueCount')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unitId}><td>{r.rank}</td><td><UnitLink r={r} /></td><td>{r.onTimeRate}%</td><td>{r.punctuality}%</td><td data-testid="unit-score">{r.unitScore ?? '—'}</td><td>{r.rating ?? '—'}</td><td>{r.overdue}</td><td>{r.due}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* On a phone: one line per unit, its figures below its name. */}
      <ol className="sv-rank-cards">
        {rows.map((r) => (
          <li key={r.unitId}>
            <span className="sv-rank-no">{r.rank}</span>
            <span className="stack" style={{ gap: 2 }}>
              <strong><UnitLink r={r} /></strong>
              <span className="small muted">{t('onTimeRate')} {r.onTimeRate}% · {t('punctuality')} {r.punctuality}% · {t('unitScore')} {r.unitScore ?? '—'} · {t('avgRating')} {r.rating ?? '—'} · {t('overdueCount')} {r.overdue}</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  )
}

export default async function RankingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('supervision')
  const format = await getFormatter()
  const params = await searchParams
  const today = shanghaiDate(clock.now())
  const from = isDate(params.from) ? params.from : addDays(today, -300)
  const to = isDate(params.to) ? params.to : addDays(today, 60)
  const officer = supervisionPolicy.isOfficer(actor)
  const rows = officer ? await computeRanking(db(), actor, { from, to }).catch(() => null) : null
  const published = await listRankings(db(), 5)
  const day = (d: Date) => format.dateTime(d, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' })
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('rankingTitle')}</h1>
      <SupervisionTabs current="rankings" />
      {officer ? (
        <section className="card stack">
          <form className="row" action="/supervision/rankings">
            <label>{t('from')}<input type="date" name="from" defaultValue={from} /></label>
            <label>{t('to')}<input type="date" name="to" defaultValue={to} /></label>
            <button type="submit" className="secondary" style={{ alignSelf: 'flex-end' }}>{t('compute')}</button>
          </form>
          {rows ? <RankingTable rows={rows} t={t} /> : <p className="muted">{t('noRows')}</p>}
          <div className="row">
            <PublishButton from={from} to={to} />
            <a className="button secondary" href={`/api/supervision/rankings/export?from=${from}&to=${to}`} download>{t('exportRanking')}</a>
          </div>
        </section>
      ) : null}
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t('published')}</h2>
        {published.length === 0 ? <p className="muted">{t('nonePublished')}</p> : published.map((p) => (
          <div key={p.id} className="stack" data-testid="published-ranking">
            <div className="spread small"><strong>{t('periodRange', { from: day(p.periodStart), to: day(p.periodEnd) })}</strong><span className="muted">{t('publishedAt', { at: day(p.publishedAt) })}</span></div>
            <RankingTable rows={p.rows as RankingRow[]} t={t} />
            <div className="row">
              <a className="button secondary" href={`/api/supervision/rankings/export?rankingId=${p.id}`} download>{t('exportRanking')}</a>
              <a className="button secondary" href={`/api/supervision/rankings/${p.id}/pdf`} target="_blank" rel="noreferrer">{t('bulletinPdf')}</a>
            </div>
          </div>
        ))}
      </section>
    </div>
  )
}
