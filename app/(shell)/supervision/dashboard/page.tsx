import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { dashboardCharts, dashboardData, leaderSummary, sources, type DashboardData } from '@/server/supervision/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { SupervisionTabs } from '../Tabs.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('supervision'))('dashboardTitle') }
}

/** An SVG chart rendered on the server (ECharts SSR): our own markup, text escaped by ECharts. */
function Chart({ svg, title, testId }: { svg: string | null; title: string; testId?: string }) {
  if (!svg) return null
  return (
    <section className="card stack">
      <h2 style={{ margin: 0 }}>{title}</h2>
      <div className="sv-chart" role="img" aria-label={title} data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />
    </section>
  )
}

function Summary({ data, t }: { data: DashboardData; t: Awaited<ReturnType<typeof getTranslations<'supervision'>>> }) {
  return (
    <div className="sv-summary">
      {(['red', 'yellow', 'green'] as const).map((l) => (
        <div key={l} className={`card sv-light sv-${l}`} style={{ flexDirection: 'column', padding: 10 }} data-testid={`summary-${l}`}>
          <strong>{data.lights[l]}</strong>
          <span className="row small" style={{ gap: 4 }}><span className="sv-dot" aria-hidden="true" />{t(`light.${l}`)}</span>
        </div>
      ))}
    </div>
  )
}

export default async function DashboardPage() {
  const actor = await requireActor()
  const t = await getTranslations('supervision')
  const labels = {
    lights: { green: t('light.green'), yellow: t('light.yellow'), red: t('light.red') },
    completed: t('completed'), overdue: t('overdue'), target: t('target'), current: t('current'),
    source: Object.fromEntries(sources.map((s) => [s, t(`source.${s}`)])),
  }
  const [leader, data] = await Promise.all([leaderSummary(db(), actor), dashboardData(db(), actor)])
  const charts = dashboardCharts(data, labels)
  const leaderCharts = leader ? dashboardCharts(leader, labels) : null
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        <a className="button secondary" href="/api/supervision/export" download>{t('exportItems')}</a>
      </div>
      <SupervisionTabs current="dashboard" />
      {leader && leaderCharts ? (
        <section className="stack" data-testid="leader-summary">
          <h2 style={{ margin: 0 }}>{t('leaderSummary')}</h2>
          <Summary data={leader} t={t} />
          <Chart svg={leaderCharts.byUnit} title={t('byUnit')} testId="leader-chart" />
        </section>
      ) : null}
      {!leader ? <Summary data={data} t={t} /> : null}
      <div className="sv-charts">
        <Chart svg={charts.lights} title={t('byLight')} testId="chart-lights" />
        <Chart svg={charts.byUnit} title={t('byUnit')} />
        <Chart svg={charts.bySource} title={t('bySource')} />
        <Chart svg={charts.trend} title={t('trend')} />
        <Chart svg={charts.indicators} title={t('indicatorProgress')} />
      </div>
    </div>
  )
}
