import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { formatShanghai } from '@/server/core/clock.ts'
import { dashboardInput, metricsCharts, metricsDashboard, moduleKeys, periods, ratesOf } from '@/server/metrics/index.ts'
import { requireActor } from '../../../lib/session.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('metrics'))('title') }
}

/** An SVG chart rendered on the server (ECharts SSR): our own markup, text escaped by ECharts. */
function Chart({ svg, title, testId }: { svg: string | null; title: string; testId: string }) {
  if (!svg) return null
  return (
    <section className="card stack">
      <h2 style={{ margin: 0 }}>{title}</h2>
      <div className="sv-chart" role="img" aria-label={title} data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />
    </section>
  )
}

type Params = { period?: string; to?: string; unitId?: string }

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor()
  const params = await searchParams
  const parsed = dashboardInput.safeParse({ period: params.period || undefined, to: params.to || undefined, unitId: params.unitId || undefined })
  const input = parsed.success ? parsed.data : { period: 'day' as const }
  const data = await metricsDashboard(db(), actor, input).catch((e: unknown) => {
    if (isAppError(e) && (e.code === 'not_found' || e.code === 'validation')) notFound()
    throw e
  })
  const t = await getTranslations('metrics')
  const charts = metricsCharts(data, {
    accounts: t('accounts'), activated: t('activated'), active: t(`activeBy.${data.period}`),
    activationRate: t('activationRate'), activityRate: t('activityRate'), hours: t('hours'),
    modules: Object.fromEntries(moduleKeys.map((k) => [k, t(`modules.${k}`)])) as Record<(typeof moduleKeys)[number], string>,
  })
  const current = data.buckets.at(-1)!
  const rates = ratesOf(current)
  const query = (extra: Params) => {
    const q = new URLSearchParams({ period: data.period, ...(params.to ? { to: data.to } : {}), ...(data.focus ? { unitId: data.focus.id } : {}), ...extra })
    for (const [k, v] of [...q]) if (!v) q.delete(k)
    return q.toString()
  }
  const figures: [string, string, string?][] = [
    [t('accounts'), String(current.accounts)],
    [t('activationRate'), `${rates.activationRate}%`, `${t('activated')} ${current.activated}`],
    [t('activityRate'), `${rates.activityRate}%`, `${t(`activeBy.${data.period}`)} ${current.active}`],
    [t('stepHours'), current.stepHours === null ? t('none') : t('hoursValue', { hours: current.stepHours })],
    [t('appsInstalled'), String(current.appsInstalled)],
    ...moduleKeys.map((k): [string, string] => [t(`modules.${k}`), String(current[k])]),
  ]
  return (
    <div className="stack" data-testid="metrics-dashboard">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}{data.focus ? ` · ${data.focus.name}` : ''}</h1>
        <a className="button secondary" href={`/api/metrics/export?${query({})}`} download data-testid="metrics-export">{t('export')}</a>
      </div>
      <form className="row card" method="get" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <label>{t('period')}
          <select name="period" defaultValue={data.period}>
            {periods.map((p) => <option key={p} value={p}>{t(`periods.${p}`)}</option>)}
          </select>
        </label>
        <label>{t('to')}
          <input type="date" name="to" defaultValue={data.to} />
        </label>
        {data.focus ? <input type="hidden" name="unitId" value={data.focus.id} /> : null}
        <button type="submit">{t('show')}</button>
        {data.focus ? <Link href={`/admin/metrics?${new URLSearchParams({ period: data.period })}`}>{t('back')}</Link> : null}
      </form>
      <p className="small muted" style={{ margin: 0 }}>
        {t('scope')}：{data.scope.map((s) => s.name).join('、')} · {current.start === current.end ? current.start : `${current.start} ~ ${current.end}`} ·{' '}
        {data.lastRunAt ? t('lastRun', { at: formatShanghai(data.lastRunAt) }) : t('neverRun')}
      </p>
      <div className="mt-figures" data-testid="metrics-figures">
        {figures.map(([name, value, sub]) => (
          <div key={name} className="card mt-figure">
            <span className="small muted">{name}</span>
            <strong>{value}</strong>
            {sub ? <span className="small muted">{sub}</span> : null}
          </div>
        ))}
      </div>
      <div className="sv-charts">
        <Chart svg={charts.trend} title={t('charts.trend')} testId="chart-trend" />
        <Chart svg={charts.rates} title={t('charts.rates')} testId="chart-rates" />
        <Chart svg={charts.activationRanking} title={t('charts.activationRanking')} testId="chart-activation-ranking" />
        <Chart svg={charts.activityRanking} title={t('charts.activityRanking')} testId="chart-activity-ranking" />
        <Chart svg={charts.modules} title={t('charts.modules')} testId="chart-modules" />
        <Chart svg={charts.steps} title={t('charts.steps')} testId="chart-steps" />
      </div>
      {data.ranking.length ? (
        <section className="card stack">
          <h2 style={{ margin: 0 }}>{t('rankingTable')}</h2>
          <div style={{ overflowX: 'auto' }}>
            <table className="sv-rank" data-testid="metrics-ranking">
              <thead>
                <tr>
                  <th>{t('rank')}</th><th>{t('unit')}</th><th className="sv-hide-phone">{t('accounts')}</th>
                  <th>{t('activationRate')}</th><th>{t('activityRate')}</th>
                </tr>
              </thead>
              <tbody>
                {data.ranking.map((r, i) => (
                  <tr key={r.unitId}>
                    <td>{i + 1}</td>
                    <td><Link href={`/admin/metrics?${query({ unitId: r.unitId })}`}>{r.name}</Link></td>
                    <td className="sv-hide-phone">{r.accounts}</td>
                    <td>{r.activationRate}%</td>
                    <td>{r.activityRate}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <p className="small muted">{t('note')}</p>
    </div>
  )
}
