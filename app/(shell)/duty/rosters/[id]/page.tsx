import { getFormatter, getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { wallTime, weekdayOf } from '@/server/core/clock.ts'
import { managedPost, rosterDetail } from '@/server/duty/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { orNotFound } from '../../../../lib/errors.ts'
import { DutyTabs } from '../../DutyTabs.tsx'
import { RosterActions } from './RosterActions.tsx'
import { CellEditor } from './CellEditor.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('rosters') }
}

export default async function RosterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const roster = await orNotFound(rosterDetail(db(), actor, id))
  // Who may take each role (the manager's pickers).
  const eligible = new Map<string, { id: string; name: string }[]>()
  if (roster.mayManage) {
    const post = await managedPost(db(), actor, roster.post.id)
    for (const p of post.shifts) for (const r of p.roles) eligible.set(r.id, r.eligible.map((e) => e.person))
  }
  const columns = roster.patterns.flatMap((p) => p.roles.flatMap((r) => Array.from({ length: r.count }, (_, slot) => ({ pattern: p, role: r, slot }))))
  const at = (d: Date | null) => (d ? format.dateTime(d, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }) : '')
  const roleName = new Map(roster.patterns.flatMap((p) => p.roles.map((r) => [r.id, `${p.name} ${r.name}`])))
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{roster.post.unit.name} · {roster.post.name}</h1>
      <DutyTabs actor={actor} current="rosters" />
      <section className="card stack">
        <div className="spread">
          <div className="row" style={{ gap: 8 }}>
            <strong>{roster.startDate} – {roster.endDate}</strong>
            <span className={roster.status === 'PUBLISHED' ? 'badge green' : 'badge gray'}>{t(`status.${roster.status}`)}</span>
            {roster.filedAt ? <span className="badge">{t('filed')}</span> : null}
            {roster.post.phone ? <a href={`tel:${roster.post.phone}`} className="small">{t('dutyPhone')} {roster.post.phone}</a> : null}
          </div>
          <span className="small muted">
            {roster.generatedAt ? t('generatedAt', { at: at(roster.generatedAt) }) : null}
            {roster.publishedAt ? ` · ${t('publishedAt', { at: at(roster.publishedAt) })}` : null}
            {roster.filedAt ? ` · ${t('filedAt', { at: at(roster.filedAt) })}` : null}
          </span>
        </div>
        <RosterActions rosterId={roster.id} revision={roster.revision} status={roster.status} isFiled={!!roster.filedAt} mayManage={roster.mayManage} />
      </section>

      {roster.mayManage && roster.unfilled.length ? (
        <section className="alert stack" aria-labelledby="unfilled">
          <h2 id="unfilled" style={{ margin: 0 }}>{t('unfilledTitle')}</h2>
          <p style={{ margin: 0 }}>{t('unfilledHelp')}</p>
          <ul style={{ margin: 0 }}>
            {roster.unfilled.map((u) => <li key={u.key}>{u.date} {roleName.get(u.roleId) ?? ''}：{t(`reasons.${u.reason}` as 'reasons.rest')}</li>)}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="grid">
        <h2 id="grid">{t('gridTitle')}</h2>
        <div className="table-wrap">
          <table className="duty-grid">
            <thead>
              <tr>
                <th>{t('columns.date')}</th>
                {columns.map((c) => <th key={`${c.role.id}-${c.slot}`}>{c.pattern.name} {c.role.name}{c.role.count > 1 ? c.slot + 1 : ''}<br /><span className="small muted">{wallTime(c.pattern.startMinute)}–{wallTime(c.pattern.startMinute + c.pattern.durationMinutes)}</span></th>)}
              </tr>
            </thead>
            <tbody>
              {roster.days.map((day) => (
                <tr key={day.date} className={day.kind}>
                  <td style={{ whiteSpace: 'nowrap' }}>{day.date.slice(5)} {t(`weekdays.${weekdayOf(day.date)}` as 'weekdays.0')}{day.kind !== 'workday' ? <><br /><span className={day.kind === 'holiday' ? 'badge red' : 'badge gray'}>{t(`dayKinds.${day.kind}`)}</span></> : null}</td>
                  {columns.map((c) => {
                    const cell = day.cells.find((x) => x.roleId === c.role.id && x.slot === c.slot)
                    if (!cell) return <td key={`${c.role.id}-${c.slot}`} className="muted">—</td>
                    return (
                      <td key={`${c.role.id}-${c.slot}`}>
                        <div className="duty-cell" data-cell={`${day.date}|${c.role.name}|${c.slot}`}>
                          {cell.person ? <span>{cell.person.name}</span> : <span className="badge red">{t('vacant')}</span>}
                          {cell.person?.phone ? <a className="small" href={`tel:${cell.person.phone}`}>{cell.person.phone}</a> : null}
                          {cell.isLocked ? <span className="small muted">{t('locked')}</span> : null}
                          {cell.conflicts.length ? <span className="conflict">{t('conflicts', { list: cell.conflicts.map((k) => t(`reasons.${k}`)).join('；') })}</span> : null}
                          {roster.mayManage ? <CellEditor cellId={cell.id} revision={roster.revision} current={cell.person?.id ?? null} people={eligible.get(c.role.id) ?? []} label={`${day.date} ${c.pattern.name} ${c.role.name}`} /> : null}
                        </div>
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="explain">
        <h2 id="explain">{t('explainTitle')}</h2>
        <p className="small muted">{t('explainHelp')}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('columns.person')}</th><th>{t('columns.count')}</th><th>{t('columns.nights')}</th><th>{t('columns.weekends')}</th>
                <th>{t('columns.holidays')}</th><th>{t('columns.load')}</th>{roster.mayManage ? <th>{t('columns.carried')}</th> : null}<th>{t('columns.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.people.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td><td>{p.count}</td><td>{p.nights}</td><td>{p.weekends}</td><td>{p.holidays}</td><td>{p.load}</td>
                  {roster.mayManage ? <td>{p.carried}</td> : null}
                  <td>{p.phone ? <a href={`tel:${p.phone}`}>{p.phone}</a> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
