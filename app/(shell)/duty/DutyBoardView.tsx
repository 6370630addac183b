import { getTranslations } from 'next-intl/server'
import { shanghaiTime } from '@/server/core/clock.ts'
import type { DutyBoard } from '@/server/duty/index.ts'

/** 今日值班: per post, who is on duty now and later today, each with a tap-to-call link. */
export async function DutyBoardView({ board, compact = false }: { board: DutyBoard; compact?: boolean }) {
  const t = await getTranslations('duty')
  if (!board.posts.length) return <p className="muted">{t('boardEmpty')}</p>
  const posts = compact ? board.posts.slice(0, 3) : board.posts
  return (
    <div className="duty-board">
      {posts.map((post) => {
        const seats = compact ? post.seats.filter((s) => s.isNow).slice(0, 4) : post.seats
        return (
          <section key={post.id} className="card duty-post" aria-label={`${post.unit.name} ${post.name}`}>
            <div className="spread">
              <h3 style={{ margin: 0 }}>{post.name}<span className="small muted"> · {post.unit.name}</span></h3>
              {post.phone ? <a className="small" href={`tel:${post.phone}`}>{t('dutyPhone')} {post.phone}</a> : null}
            </div>
            <ul className="duty-seats">
              {seats.map((s) => (
                <li key={s.id} className={s.isNow ? 'is-now' : undefined}>
                  <span className="duty-seat-role">
                    <span className={s.isLeader ? 'badge amber' : 'badge'}>{s.role}</span>
                    <span className="small muted">{s.shift} {shanghaiTime(s.startsAt)}–{shanghaiTime(s.endsAt)}</span>
                    {s.isNow ? <span className="badge green">{t('now')}</span> : null}
                  </span>
                  <span className="duty-seat-person">
                    <strong>{s.person.name}</strong>
                    {s.person.phone
                      ? <a className="button secondary duty-call" href={`tel:${s.person.phone}`} aria-label={t('call', { name: s.person.name, phone: s.person.phone })}>☎ {s.person.phone}</a>
                      : <span className="small muted">{t('noPhone')}</span>}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </div>
  )
}
