import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { shanghaiDate } from '@/server/core/clock.ts'
import { config } from '@/server/core/config.ts'
import { getItem, indicatorPercent } from '@/server/supervision/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { orNotFound } from '../../../lib/errors.ts'
import { Light } from '../Light.tsx'
import { ItemForm } from '../ItemForm.tsx'
import { unitOptions } from '../units.ts'
import { AnswerPanel, CommentForm, CompletionForm, RateForm, ReviewForm, UrgeForm } from './Panels.tsx'
import { OfflineReports, ReportForm } from './ReportForm.tsx'
import { DraftNotice } from '../components/DraftNotice.tsx'
import { ThreadButton } from '../../messages/ThreadButton.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('supervision'))('title') }
}

export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  const item = await orNotFound(getItem(db(), actor, id))
  const t = await getTranslations('supervision')
  const format = await getFormatter()
  const date = (d: Date) => format.dateTime(d, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'Asia/Shanghai' })
  const dateTime = (d: Date) => format.dateTime(d, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })
  const units = item.may.open || item.may.decompose ? await unitOptions() : []
  return (
    <div className="stack" data-testid="supervision-item" data-status={item.status} data-light={item.light}>
      <OfflineReports />
      {item.parent ? <Link href={`/supervision/${item.parent.id}`} className="small">← {t('parent')}：{item.parent.title}</Link> : <Link href="/supervision" className="small">← {t('title')}</Link>}
      <div className="sv-head">
        <Light light={item.light} label={t(`light.${item.light}`)} />
        <h1>{item.title}</h1>
        <ThreadButton object="supervision" id={item.id} />
      </div>
      <div className="row small">
        <span className="badge" data-testid="item-status">{t(`status.${item.status}`)}</span>
        <span className="badge">{t(`source.${item.source}`)}</span>
        <span className="badge"><Light light={item.light} label={t(`light.${item.light}`)} showLabel /></span>
        {item.rating ? <span className="badge" data-testid="item-rating">{t('rated', { rating: t(`rating.${item.rating}`) })}{item.score !== null ? `（${item.score}）` : ''}</span> : null}
      </div>

      <section className="card stack">
        <dl className="sv-meta">
          <dt>{t('deadline')}</dt><dd>{date(item.deadline)}</dd>
          <dt>{t('progress')}</dt><dd className="sv-progress"><span className="progress"><span style={{ width: `${item.progress}%` }} /></span><span>{item.progress}%</span></dd>
          {item.nextReportDueAt && item.status === 'IN_PROGRESS' ? <><dt>{t('nextReport')}</dt><dd>{dateTime(item.nextReportDueAt)}（{t(`cycle.${item.cycle}`)}）</dd></> : null}
          {item.sourceNumber ? <><dt>{t('fields.sourceNumber')}</dt><dd>{item.sourceNumber}</dd></> : null}
          {item.instruction ? <><dt>{t('fields.instruction')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{item.instruction}</dd></> : null}
          {item.document ? <><dt>{t('fields.document')}</dt><dd><Link href={`/documents/${item.document.id}`}>{item.document.title}</Link></dd></> : null}
          {item.requirement && item.requirement !== item.instruction ? <><dt>{t('fields.requirement')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{item.requirement}</dd></> : null}
          {item.supervisorName ? <><dt>{t('fields.supervisor')}</dt><dd>{item.supervisorName}</dd></> : null}
          {item.notice ? <><dt>{t('noticeDocument')}</dt><dd><Link href={`/documents/${item.notice.id}`} data-testid="notice-link">{item.notice.number ? `${item.notice.number} ` : ''}{item.notice.title}</Link></dd></> : null}
          {item.completionSummary ? <><dt>{t('completionSummary')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{item.completionSummary}</dd></> : null}
        </dl>
      </section>

      {item.may.open ? (
        <section className="card stack">
          <h2>{t('openTitle')}</h2>
          <p className="small muted">{t('draftHint')}</p>
          <ItemForm mode="open" units={units} itemId={item.id} revision={item.revision} initial={{ title: item.title, requirement: item.requirement, deadline: shanghaiDate(item.deadline) }} />
        </section>
      ) : null}

      {item.assignments.length ? (
        <section className="card stack">
          <h2>{t('units')}</h2>
          <ul className="sv-units">
            {item.assignments.map((a) => (
              <li key={a.id} data-testid="assignment" data-unit={a.unit.name} data-status={a.status}>
                <div className="spread">
                  <strong>{a.unit.name}</strong>
                  <span className="row small"><span className="badge">{t(`role.${a.role}`)}</span><span className="badge">{t(`assignmentStatus.${a.status}`)}</span></span>
                </div>
                {a.ownerName ? <div className="small">{t('owner')}：{a.ownerName}{a.acceptedAt ? ` · ${t('acceptedAt', { at: dateTime(a.acceptedAt) })}` : ''}</div> : null}
                {a.status === 'RETURNED' ? <div className="small muted">{t('returnReason', { reason: a.returnReason })}</div> : null}
                {a.mayAnswer ? <AnswerPanel assignmentId={a.id} members={a.members} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {item.may.report || item.may.requestCompletion || item.may.urge || item.may.review || item.may.rate || item.may.completeDirectly || item.may.notice ? (
        <section className="card stack sv-actions">
          {item.may.report ? <><h2>{t('report')}</h2><ReportForm itemId={item.id} indicators={item.indicators.map((x) => ({ id: x.id, name: x.name, measure: x.measure }))} video={{ maxMb: config().SUPERVISION_VIDEO_MAX_MB, maxSeconds: config().SUPERVISION_VIDEO_MAX_SECONDS }} /></> : null}
          {item.may.requestCompletion ? <CompletionForm itemId={item.id} revision={item.revision} /> : null}
          {item.may.review ? <><h2>{t('review')}</h2><ReviewForm itemId={item.id} revision={item.revision} /></> : null}
          {item.may.completeDirectly ? <ReviewForm itemId={item.id} revision={item.revision} direct /> : null}
          {item.may.rate ? <><h2>{t('rate')}</h2><RateForm itemId={item.id} /></> : null}
          {item.may.urge ? <UrgeForm itemId={item.id} /> : null}
          {item.may.notice ? <div className="stack"><p className="small muted" style={{ margin: 0 }}>{t('noticeHint')}</p><DraftNotice itemIds={[item.id]} /></div> : null}
        </section>
      ) : null}

      {item.indicators.length ? (
        <section className="card stack">
          <h2>{t('indicatorsTitle')}</h2>
          {item.indicators.map((x) => (
            <div key={x.id} className="stack" style={{ gap: 4 }}>
              <div className="spread small"><span>{x.name}</span><span>{x.current ?? '—'} / {x.target}{x.measure}</span></div>
              <span className="progress"><span style={{ width: `${indicatorPercent(x)}%` }} /></span>
            </div>
          ))}
        </section>
      ) : null}

      {item.children.length || item.may.decompose ? (
        <section className="card stack">
          <h2>{t('children')}</h2>
          {item.children.length ? (
            <ul className="inbox-list">
              {item.children.map((c) => (
                <li key={c.id}>
                  <Link href={`/supervision/${c.id}`} className="inbox-row sv-row">
                    <Light light={c.light} label={t(`light.${c.light}`)} />
                    <span className="inbox-main"><span className="inbox-title">{c.title}</span><span className="small muted">{c.units.join('、')} · {t('due', { date: date(c.deadline) })}</span></span>
                    <span className="inbox-side small">{c.progress}%<span className="badge">{t(`status.${c.status}`)}</span></span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          {item.may.decompose ? (
            <details>
              <summary className="button secondary">{t('decomposeTitle')}</summary>
              <div style={{ marginTop: 8 }}><ItemForm mode="decompose" units={units} itemId={item.id} maxDeadline={shanghaiDate(item.deadline)} /></div>
            </details>
          ) : null}
        </section>
      ) : null}

      <section className="card stack">
        <h2>{t('reports')}</h2>
        {item.reports.length === 0 ? <p className="muted">{t('noReports')}</p> : (
          <ul className="sv-reports" data-testid="reports">
            {item.reports.map((r) => (
              <li key={r.id}>
                <div className="spread small"><strong>{r.authorName}</strong><span className="muted">{dateTime(r.createdAt)}{r.late ? <span className="badge red"> {t('late')}</span> : null}</span></div>
                <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>
                <div className="small muted">{t('progress')} {r.percent}%{r.problems ? ` · ${t('problems')}：${r.problems}` : ''}</div>
                {r.photos.length ? (
                  <div className="sv-photos">
                    {r.photos.map((p) => (
                      <a key={p.id} href={`/api/supervision/photos/${p.id}`} target="_blank" rel="noreferrer">
                        {/* eslint-disable-next-line @next/next/no-img-element -- served by our API with access checks */}
                        <img src={`/api/supervision/photos/${p.id}?thumb=1`} alt={t('photos')} width={96} height={96} loading="lazy" data-testid="report-photo" />
                      </a>
                    ))}
                  </div>
                ) : null}
                {r.videos.length ? (
                  <div className="sv-videos">
                    {r.videos.map((v) => (
                      <video key={v.id} controls playsInline preload="none" poster={v.hasPoster ? `/api/supervision/videos/${v.id}?poster=1` : '/icons/video-tile.svg'} data-testid="report-video"
                        aria-label={`${t('videos')}${v.durationSeconds ? ` ${Math.round(v.durationSeconds)}″` : ''}`}>
                        <source src={`/api/supervision/videos/${v.id}`} type={v.mime} />
                        <a href={`/api/supervision/videos/${v.id}`} className="sv-video-tile">▶ {t('videoTile')}</a>
                      </video>
                    ))}
                  </div>
                ) : null}
                {r.comment ? <div className="small"><strong>{r.moreRequested ? t('moreRequested') : t('comment')}</strong>：{r.comment}</div> : null}
                {item.may.comment ? <CommentForm reportId={r.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {item.urges.length ? (
        <section className="card stack">
          <h2>{t('urges')}</h2>
          <ul className="sv-timeline" data-testid="urges">
            {item.urges.map((u) => (
              <li key={u.id} data-level={u.level}>
                <span className="muted">{dateTime(u.createdAt)}</span>
                <span>{u.number} · {u.unitName} · {t(`urgeLevel.${u.level}` as 'urgeLevel.0')} → {u.toName}{u.daysOverdue > 0 ? ` · ${t('overdueDays', { days: u.daysOverdue })}` : ''}{u.automatic ? `（${t('automatic')}）` : ''}{u.message ? `：${u.message}` : ''}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card stack">
        <h2>{t('timeline')}</h2>
        <ul className="sv-timeline" data-testid="timeline">
          {item.events.map((e) => (
            <li key={e.id}>
              <span className="muted">{dateTime(e.at)}</span>
              <span>{t(`timelineAction.${e.action}` as 'timelineAction.CREATED')}{e.actorName ? ` · ${e.actorName}` : ''}{typeof e.details.reason === 'string' ? `：${e.details.reason}` : ''}{typeof e.details.number === 'string' ? ` · ${e.details.number}` : ''}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
