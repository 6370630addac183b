import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { requireActor } from '../lib/session.ts'
import { NavLinks, type NavItem } from '../components/NavLinks.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { SignOutButton } from '../components/SignOutButton.tsx'
import { adminSections } from './admin/sections.ts'
import { db } from '@/server/core/db/index.ts'
import { countOpenInbox } from '@/server/inbox/index.ts'

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor()
  const t = await getTranslations('shell')
  const tInbox = await getTranslations('inbox')
  const open = await countOpenInbox(db(), actor.personId)
  const items: NavItem[] = [
    { href: '/', label: t('nav.workbench'), icon: '▦' },
    { href: '/inbox', label: t('nav.inbox'), icon: '✓', badge: { initial: open.todo + open.toread, label: tInbox.raw('badge') as string } },
    { href: '/documents', label: t('nav.documents'), icon: '文' },
    { href: '/directory', label: t('nav.directory'), icon: '☏' },
    ...(adminSections(actor).length ? [{ href: '/admin', label: t('nav.admin'), icon: '⚙' }] : []),
    { href: '/account', label: t('nav.account'), icon: '☺' },
  ]
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link href="/" className="brand" style={{ textDecoration: 'none' }}>
          <span className="brand-mark" aria-hidden="true">协</span>
          <span>{t('appName')}</span>
        </Link>
        <NavLinks items={items} className="nav" label={t('mainNav')} />
        <div className="sidebar-foot small">{t('signedInAs', { name: actor.name })}</div>
      </aside>
      <div className="main">
        <header className="topbar">
          <Link href="/" className="row" style={{ color: 'inherit', textDecoration: 'none' }}>
            <span className="brand-mark" aria-hidden="true" style={{ width: 28, height: 28, fontSize: 15 }}>协</span>
            <span className="topbar-title">{t('appName')}</span>
          </Link>
          <div className="row">
            <span className="small muted hide-phone">{actor.name}</span>
            <LanguageSwitch />
            <span className="hide-phone"><SignOutButton /></span>
          </div>
        </header>
        <main className="content" id="main">{children}</main>
      </div>
      <NavLinks items={items} className="tabbar" label={t('mainNav')} />
    </div>
  )
}
