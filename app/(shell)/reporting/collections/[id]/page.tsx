import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { db } from '@/server/core/db/index.ts'
import { isAppError } from '@/server/core/errors.ts'
import { boardChart, choiceChart, collectionBoard, collectionSummary, fieldsOf, unitBarChart } from '@/server/reporting/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { LiveRefresh } from '../../../../components/LiveRefresh.tsx'
import { UrgeButton } from '../../UrgeButton.tsx'
import { StopSeriesButton } from '../../StopSeriesButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('reporting'))('board') }
}

const round = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100))

export default async function CollectionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const t = await getTranslations('reporting')
  const format = await getFormatter()
  const { id } = await params
  const [board, summary] = await Promise.all([collectionBoard(db(), actor, id), collectionSummary(db(), actor, id)]).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound()
    throw e
  })
  const fields = fieldsOf(summary.definition)
  const numberFields = fields.filter((f) => f.type === 'number')
  const columns = summary.columns.map((c) => {
    const f = fields.find((x) => x.key === c.key)!
    return { ...c, label: `${f.label} · ${f.columns!.find((x) => x.key === c.column)!.label}` }
  })
  const states = { submitted: t('state.submitted'), pending: t('state.pending'), returned: t('state.returned'), overdue: t('state.overdue') }
  const firstNumber = numberFields[0]
  const firstColumn = columns[0]
  const firstChoice = fields.find((f) => f.type === 'choice' || f.type === 'multiChoice')
  const charts = [
    boardChart(board.counts, states),
    firstNumber ? unitBarChart(t('chartTotal', { label: firstNumber.label, total: round(summary.numbers[0]!.sum) }), summary.units.map((u) => ({ unit: u.unit, value: u.values[firstNumber.key] ?? null }))) : null,
    firstColumn ? unitBarChart(t('chartTotal', { label: firstColumn.label, total: round(firstColumn.sum) }), summary.units.map((u) => ({ unit: u.unit, value: u.tableSums[`${firstColumn.key}.${firstColumn.column}`] ?? null }))) : null,
    firstChoice ? choiceChart(firstChoice.label, firstChoice.options!, summary.choices.find((c) => c.key === firstChoice.key)!.counts) : null,
  ].filter((x): x is string => !!x)
  return (
    <div className="stack">
      <LiveRefresh />
      <div className="spread">
        <h1 style={{ margin: 0 }}>{board.collection.title}</h1>
        <Link href="/reporting?view=collections">{t('backToCollections')}</Link>
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        {t('due', { date: format.dateTime(board.collection.deadline, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }) })} · {board.collection.version.template.name} · {t('versionN', { n: board.collection.version.version })}
      </p>
      {board.collection.series ? (
        <div className="row small" data-testid="series">
          <span>{t(`cycles.${board.collection.series.cycle as 'MONTHLY'}`)} · {board.collection.series.isActive ? t('seriesActive') : t('seriesStopped')}</span>
          {board.collection.series.isActive ? <StopSeriesButton seriesId={board.collection.series.id} /> : null}
        </div>
      ) : null}
      <div className="rp-counts" data-testid="board-counts">
        {(['submitted', 'pending', 'returned', 'overdue'] as const).map((k) => <div key={k} className={`card rp-count rp-${k}`} data-testid={`count-${k}`}><strong>{board.counts[k]}</strong><span className="small">{states[k]}</span></div>)}
      </div>
      <section className="card">
        <h2>{t('board')}</h2>
        <ul className="inbox-list" data-testid="board">
          {board.rows.map((r) => (
            <li key={r.submissionId} data-testid={`board-row-${r.unit}`}>
              <div className="inbox-row">
                <span className="inbox-main">
                  <Link className="inbox-title" href={`/reporting/submissions/${r.submissionId}`}>{r.unit}</Link>
                  <span className="small muted">{t(`status.${r.status as 'DRAFT'}`)}{r.urgeCount ? ` · ${t('urgedTimes', { n: r.urgeCount })}` : ''}</span>
                </span>
                <span className="inbox-side small">
                  <span className={`badge rp-${r.state}`} data-testid="state">{states[r.state]}</span>
                  {r.state !== 'submitted' ? <UrgeButton submissionId={r.submissionId} /> : null}
                </span>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack">
        <div className="spread">
          <h2 style={{ margin: 0 }}>{t('summary')}</h2>
          <span className="row small">
            <a href={`/api/reporting/collections/${id}/export?what=summary`} data-testid="export-summary">{t('exportSummary')}</a>
            <a href={`/api/reporting/collections/${id}/export?what=submissions`} data-testid="export-submissions">{t('exportSubmissions')}</a>
          </span>
        </div>
        <p className="small muted" style={{ margin: 0 }}>{t('summaryHelp')}</p>
        <div className="table-wrap">
          <table data-testid="summary-table">
            <thead><tr><th>{t('unit')}</th>{numberFields.map((f) => <th key={f.key}>{f.label}{f.measure ? `（${f.measure}）` : ''}</th>)}{columns.map((c) => <th key={`${c.key}.${c.column}`}>{c.label}</th>)}</tr></thead>
            <tbody>
              {summary.units.map((u) => <tr key={u.unitId}><td>{u.unit}</td>{numberFields.map((f) => <td key={f.key}>{round(u.values[f.key])}</td>)}{columns.map((c) => <td key={`${c.key}.${c.column}`}>{round(u.tableSums[`${c.key}.${c.column}`])}</td>)}</tr>)}
            </tbody>
            <tfoot>
              <tr data-testid="summary-total"><th>{t('total')}</th>{summary.numbers.map((n) => <td key={n.key}>{round(n.sum)}</td>)}{columns.map((c) => <td key={`${c.key}.${c.column}`}>{round(c.sum)}</td>)}</tr>
              <tr data-testid="summary-average"><th>{t('average')}</th>{summary.numbers.map((n) => <td key={n.key}>{round(n.avg)}</td>)}{columns.map((c) => <td key={`${c.key}.${c.column}`} />)}</tr>
            </tfoot>
          </table>
        </div>
        {summary.choices.map((c) => {
          const f = fields.find((x) => x.key === c.key)!
          return <p key={c.key} className="small" data-testid={`choice-${c.key}`}>{f.label}：{f.options!.map((o) => `${o} ${c.counts[o] ?? 0}`).join('，')}</p>
        })}
      </section>
      <section className="rp-charts" data-testid="charts">
        {charts.map((svg, i) => <figure key={i} className="card sv-chart rp-chart" dangerouslySetInnerHTML={{ __html: svg }} />)}
      </section>
    </div>
  )
}
