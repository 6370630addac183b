import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { openInboxCounts, requireActor } from '../lib/session.ts'
import { NavLinks, type NavItem } from '../components/NavLinks.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { SignOutButton } from '../components/SignOutButton.tsx'
import { adminSections } from './admin/sections.ts'

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor()
  const t = await getTranslations('shell')
  const tInbox = await getTranslations('inbox')
  const open = await openInboxCounts(actor.personId)
  const items: NavItem[] = [
    { href: '/', label: t('nav.workbench'), icon: '▦', phone: true },
    { href: '/inbox', label: t('nav.inbox'), icon: '✓', phone: true, badge: { initial: open.todo + open.toread, label: tInbox.raw('badge') as string } },
    { href: '/messages', label: t('nav.messages'), icon: '讯', phone: true },
    { href: '/documents', label: t('nav.documents'), icon: '文' },
    { href: '/supervision', label: t('nav.supervision'), icon: '督' },
    { href: '/duty', label: t('nav.duty'), icon: '值' },
    { href: '/meetings', label: t('nav.meetings'), icon: '会' },
    { href: '/directory', label: t('nav.directory'), icon: '☏', phone: true },
    { href: '/apps', label: t('nav.apps'), icon: '⊞' },
    ...(adminSections(actor).length ? [{ href: '/admin', label: t('nav.admin'), icon: '⚙' }] : []),
    { href: '/account', label: t('nav.account'), icon: '☺', phone: true },
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
      <NavLinks items={items.filter((i) => i.phone)} className="tabbar" label={t('mainNav')} />
    </div>
  )
}
