import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { openInboxCounts, requireActor } from '../lib/session.ts'
import { adminSections } from './admin/sections.ts'
import { db } from '@/server/core/db/index.ts'
import { clock, partOfDay } from '@/server/core/clock.ts'
import { noticePolicy } from '@/server/notices/index.ts'
import { dutyBoard } from '@/server/duty/index.ts'
import { DutyBoardView } from './duty/DutyBoardView.tsx'
import { visibleApps } from '@/server/microapps/index.ts'
import { mayViewMetrics } from '@/server/metrics/index.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('workbench'))('title') }
}

/** 工作台: tiles for the modules that exist and that this person may open. */
export default async function WorkbenchPage() {
  const actor = await requireActor()
  const t = await getTranslations('workbench')
  const [open, board, installed, metrics] = await Promise.all([openInboxCounts(actor.personId), dutyBoard(db(), actor, clock.now(), { take: 60 }), visibleApps(db(), actor.personId), mayViewMetrics(db(), actor)])
  const tiles = [
    { href: '/inbox', icon: '办', title: t('inbox'), desc: t('inboxDesc'), count: open.todo + open.toread },
    { href: '/messages', icon: '讯', title: t('messages'), desc: t('messagesDesc') },
    { href: '/documents', icon: '文', title: t('documents'), desc: t('documentsDesc') },
    { href: '/meetings', icon: '会', title: t('meetings'), desc: t('meetingsDesc') },
    { href: '/supervision', icon: '督', title: t('supervision'), desc: t('supervisionDesc') },
    ...(noticePolicy.maySend(actor) ? [{ href: '/notices', icon: '急', title: t('notices'), desc: t('noticesDesc') }] : []),
    { href: '/duty', icon: '值', title: t('duty'), desc: t('dutyDesc') },
    { href: '/personal/calendar', icon: '历', title: t('personal'), desc: t('personalDesc') },
    { href: '/reporting', icon: '报', title: t('reporting'), desc: t('reportingDesc') },
    { href: '/directory', icon: '通', title: t('directory'), desc: t('directoryDesc') },
    ...(adminSections(actor).length ? [{ href: '/admin', icon: '管', title: t('admin'), desc: t('adminDesc') }] : []),
    ...(metrics ? [{ href: '/admin/metrics', icon: '数', title: t('metrics'), desc: t('metricsDesc') }] : []),
    { href: '/apps', icon: '⊞', title: t('store'), desc: t('storeDesc') },
    { href: '/verify', icon: '验', title: t('verify'), desc: t('verifyDesc') },
    { href: '/account', icon: '安', title: t('account'), desc: t('accountDesc') },
    // Installed micro-apps (应用市场), with the count each set with setBadge.
    ...installed.map((a) => ({ href: `/apps/${encodeURIComponent(a.appId)}/open`, icon: a.manifest.icon, title: a.name, desc: a.manifest.description, count: a.badge })),
  ]
  const greeting = t(partOfDay(clock.now()))
  return (
    <div className="stack">
      <h1>{t('greeting', { greeting, name: actor.name })}</h1>
      <section aria-labelledby="apps">
        <h2 id="apps">{t('apps')}</h2>
        <div className="grid-tiles">
          {tiles.map((tile) => (
            <Link key={tile.href} href={tile.href} className="tile">
              <span className="spread">
                <span className="tile-icon" aria-hidden="true">{tile.icon}</span>
                {'count' in tile && tile.count ? <span className="badge red">{tile.count}</span> : null}
              </span>
              <span className="tile-title">{tile.title}</span>
              <span className="tile-desc">{tile.desc}</span>
            </Link>
          ))}
        </div>
      </section>
      {board.posts.length ? (
        <section aria-labelledby="duty-today" className="stack">
          <div className="spread">
            <h2 id="duty-today" style={{ margin: 0 }}>{t('dutyToday')}</h2>
            <Link href="/duty">{t('dutySeeAll')}</Link>
          </div>
          <DutyBoardView board={board} compact />
        </section>
      ) : null}
    </div>
  )
}
