import { getFormatter, getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { clock, isDateKey, shanghaiDate } from '@/server/core/clock.ts'
import { bulletinRanking, listBulletinRankings } from '@/server/bulletins/index.ts'
import { reportPolicy, unitBarChart } from '@/server/reporting/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { ReportingTabs } from '../../Tabs.tsx'
import { PublishRankingButton } from './PublishRankingButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('bulletins'))('rankingTitle') }
}

export default async function RankingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor()
  const t = await getTranslations('bulletins')
  const params = await searchParams
  const today = shanghaiDate(clock.now())
  const pick = (v: unknown, fallback: string) => (typeof v === 'string' && isDateKey(v) ? v : fallback)
  const from = pick(params.from, `${today.slice(0, 4)}-01-01`)
  const to = pick(params.to, today)
  const format = await getFormatter()
  const [rows, published] = await Promise.all([from <= to ? bulletinRanking(db(), actor, { from, to }) : [], listBulletinRankings(db(), { limit: 20 })])
  const isCollector = reportPolicy.isCollector(actor)
  const chart = rows.length ? unitBarChart(t('chartTitle'), rows.slice(0, 20).map((r) => ({ unit: r.unit, value: r.score }))) : null
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('rankingTitle')}</h1>
      <ReportingTabs current="ranking" isCollector={isCollector} />
      <form className="row filters" action="/reporting/bulletins/ranking">
        <label>{t('from')}<input type="date" name="from" defaultValue={from} /></label>
        <label>{t('to')}<input type="date" name="to" defaultValue={to} /></label>
        <button type="submit" className="secondary">{t('filter')}</button>
      </form>
      <p className="small muted" style={{ margin: 0 }}>{t('scoreRule')}</p>
      <section className="card table-wrap">
        {rows.length === 0 ? <p className="muted">{t('noRanking')}</p> : (
          <table data-testid="ranking">
            <thead><tr><th>{t('rank')}</th><th>{t('unit')}</th><th>{t('submittedN')}</th><th>{t('adoptedN')}</th><th>{t('inIssuesN')}</th><th>{t('score')}</th></tr></thead>
            <tbody>{rows.map((r) => <tr key={r.unitId}><td>{r.rank}</td><td>{r.unit}</td><td>{r.submitted}</td><td>{r.adopted}</td><td>{r.inIssues}</td><td>{r.score}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      {isCollector && rows.length ? <div className="row"><PublishRankingButton from={from} to={to} /></div> : null}
      {chart ? <figure className="card sv-chart rp-chart" data-testid="ranking-chart" dangerouslySetInnerHTML={{ __html: chart }} /> : null}
      <section className="card stack" data-testid="published-rankings">
        <h2 style={{ margin: 0 }}>{t('publishedTitle')}</h2>
        {published.length === 0 ? <p className="muted">{t('noPublished')}</p> : (
          <ul className="inbox-list">
            {published.map((p) => (
              <li key={p.id} className="spread" style={{ padding: '10px 4px' }}>
                <span className="stack" style={{ gap: 0 }}>
                  <strong>{t('publishedName', { office: p.office, from: p.periodFrom, to: p.periodTo })}</strong>
                  <span className="small muted">{t('publishedAt', { at: format.dateTime(p.publishedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }) })} · {p.rows.slice(0, 3).map((r) => `${r.rank}. ${r.unit}`).join('　')}</span>
                </span>
                <a className="button secondary" href={`/api/reporting/bulletins/rankings/${p.id}/export`} download data-testid="export-ranking">{t('exportExcel')}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
