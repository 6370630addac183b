import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { requireActor } from '../lib/session.ts'
import { adminSections } from './admin/sections.ts'
import { db } from '@/server/core/db/index.ts'
import { countOpenInbox } from '@/server/inbox/index.ts'
import { hasPermission } from '@/server/core/authz/index.ts'

export async function generateMetadata() {
  return { title: (await getTranslations('workbench'))('title') }
}

/** 工作台: tiles for the modules that exist and that this person may open. */
export default async function WorkbenchPage() {
  const actor = await requireActor()
  const t = await getTranslations('workbench')
  const open = await countOpenInbox(db(), actor.personId)
  const tiles = [
    { href: '/inbox', icon: '办', title: t('inbox'), desc: t('inboxDesc'), count: open.todo + open.toread },
    { href: '/documents', icon: '文', title: t('documents'), desc: t('documentsDesc') },
    ...(hasPermission(actor, 'notice.send') ? [{ href: '/notices', icon: '急', title: t('notices'), desc: t('noticesDesc') }] : []),
    { href: '/directory', icon: '通', title: t('directory'), desc: t('directoryDesc') },
    ...(adminSections(actor).length ? [{ href: '/admin', icon: '管', title: t('admin'), desc: t('adminDesc') }] : []),
    { href: '/verify', icon: '验', title: t('verify'), desc: t('verifyDesc') },
    { href: '/account', icon: '安', title: t('account'), desc: t('accountDesc') },
  ]
  const hour = Number(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hour12: false }))
  const greeting = hour < 12 ? t('morning') : hour < 18 ? t('afternoon') : t('evening')
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
    </div>
  )
}
