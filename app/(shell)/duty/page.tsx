import { getFormatter, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { clock, minutes, shanghaiInstant, shanghaiTime } from '@/server/core/clock.ts'
import { dutyBoard, myShifts } from '@/server/duty/index.ts'
import { requireActor } from '../../lib/session.ts'
import { DutyTabs } from './DutyTabs.tsx'
import { DutyBoardView } from './DutyBoardView.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('duty'))('board') }
}

export default async function DutyBoardPage() {
  const actor = await requireActor()
  const t = await getTranslations('duty')
  const format = await getFormatter()
  const now = clock.now()
  const [board, mine] = await Promise.all([dutyBoard(db(), actor, now), myShifts(db(), actor, { from: now, take: 10 })])
  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t('title')}</h1>
      <DutyTabs actor={actor} current="board" />
      {mine.some((s) => s.startsAt.getTime() - minutes(30) <= now.getTime() && now < s.endsAt) ? (
        <div className="alert row" role="status" style={{ gap: 8 }}>{t('deskHelp')} <Link className="button" href="/duty/desk">{t('openDesk')}</Link></div>
      ) : null}
      <section className="stack" aria-labelledby="board">
        <h2 id="board" style={{ margin: 0 }}>{t('boardDate', { date: format.dateTime(shanghaiInstant(board.date), { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'Asia/Shanghai' }) })}</h2>
        <DutyBoardView board={board} />
      </section>
      <section className="card" aria-labelledby="mine">
        <div className="spread">
          <h2 id="mine" style={{ margin: 0 }}>{t('myShifts')}</h2>
          <span className="row small" style={{ gap: 12 }}>
            <Link href="/personal/calendar#feed" data-testid="subscribe-shifts">{t('subscribeShifts')}</Link>
            <a href="/api/duty/ics" download>{t('icsFeed')}</a>
          </span>
        </div>
        <p className="small muted" style={{ margin: '4px 0 0' }}>{t('subscribeHelp')}</p>
        {mine.length === 0 ? <p className="muted">{t('noMyShifts')}</p> : (
          <ul className="inbox-list">
            {mine.map((s) => (
              <li key={s.id} className="inbox-row" style={{ cursor: 'default' }}>
                <span className="inbox-main">
                  <span className="inbox-title">{format.dateTime(s.startsAt, { month: 'numeric', day: 'numeric', weekday: 'short', timeZone: 'Asia/Shanghai' })} {s.shift} · {s.role}</span>
                  <span className="small muted">{s.unit} {s.post} · {shanghaiTime(s.startsAt)}–{shanghaiTime(s.endsAt)}</span>
                </span>
                {s.startsAt > now ? <span className="inbox-side"><Link href={`/duty/swaps/new?assignment=${s.id}`}>{t('askSwap')}</Link></span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
